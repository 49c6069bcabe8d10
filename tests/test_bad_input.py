"""Bad input for every loader: each problem gives a DataError naming the file and row, or an explicit, counted skip.

Files are written here in the official formats (GroupLens ml-100k, RecBole atomic files, the Kaggle clothing CSV,
ML-1M movies.dat, poster folders), then broken one way at a time."""
import shutil
from pathlib import Path
import numpy as np, pandas as pd, pytest
from PIL import Image

from recrepro.data import (DataError, DataUnavailable, read_ml100k, read_clothing, join_posters, load_ml1m_movies,
                           check_image, posters_dir)
from recrepro.images import ImageError, read_image, check_images

GENRES = "|".join(["0"] * 19)

def ml100k(d, data=None, items=None, users=None):
    "Write a tiny GroupLens ml-100k folder; each part can be overridden with raw text."
    d.mkdir(parents=True, exist_ok=True)
    (d/"u.data").write_text(data if data is not None else "1\t10\t5\t881250949\n1\t20\t3\t881250950\n2\t10\t4\t881250951\n")
    (d/"u.item").write_bytes((items if items is not None else
        f"10|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        f"20|Se7en (1995)|01-Jan-1995||http://y|{GENRES}\n").encode("latin-1"))
    (d/"u.user").write_text(users if users is not None else "1|24|M|technician|85711\n2|53|F|other|94043\n")
    return d

def test_good_official_folder(tmp_path):
    d = read_ml100k(ml100k(tmp_path/"ok"))
    assert len(d.interactions) == 3 and d.report.skipped == 0
    assert d.items.set_index("item_id").loc[10, "categories"] == ["Animation", "Children's", "Comedy"]

def test_missing_column(tmp_path):
    with pytest.raises(DataError, match=r"u\.data: expected 4 tab-separated columns"):
        read_ml100k(ml100k(tmp_path, data="1\t10\t5\n2\t10\t4\n"))

def test_nan_rating_raises_or_is_counted(tmp_path):
    f = ml100k(tmp_path, data="1\t10\t5\t881250949\n1\t20\t\t881250950\n")
    with pytest.raises(DataError, match=r"u\.data: NaN or non-numeric rating in 1 row\(s\), first at row\(s\) \[2\]"):
        read_ml100k(f)
    d = read_ml100k(f, on_bad="skip")
    assert len(d.interactions) == 1 and d.report.counts == {"NaN or non-numeric rating (skipped)": 1}
    assert d.report.examples["NaN or non-numeric rating (skipped)"] == ["u.data:2"]

def test_rating_out_of_range(tmp_path):
    with pytest.raises(DataError, match=r"rating outside \[1, 5\].*row\(s\) \[1\].*values \[7.0\]"):
        read_ml100k(ml100k(tmp_path, data="1\t10\t7\t881250949\n"))

def test_unknown_ids(tmp_path):
    f = ml100k(tmp_path, data="1\t10\t5\t881250949\n1\t99\t3\t881250950\n3\t10\t4\t881250951\n")
    with pytest.raises(DataError, match=r"u\.data: item_id unknown to u\.item in 1 row\(s\), first at row\(s\) \[2\] \(ids \[99\]\)"):
        read_ml100k(f)
    d = read_ml100k(f, on_bad="skip")
    assert d.report.counts == {"item_id unknown to u.item (skipped)": 1, "user_id unknown to u.user (skipped)": 1}
    assert d.interactions.values.tolist() == [[1, 10, 5.0, 881250949]]

def test_duplicate_rows(tmp_path):
    f = ml100k(tmp_path, data="1\t10\t5\t881250949\n1\t10\t2\t881250999\n")
    with pytest.raises(DataError, match=r"duplicate \(user_id, item_id\) row in 1 row\(s\), first at row\(s\) \[1\]"):
        read_ml100k(f)
    d = read_ml100k(f, on_bad="skip")                        # the later rating is kept
    assert d.interactions.rating.tolist() == [2.0] and d.report.skipped == 1

def test_empty_file(tmp_path):
    f = ml100k(tmp_path, data="")
    with pytest.raises(DataError, match=r"u\.data: file is empty"):
        read_ml100k(f)

def test_recbole_layout_missing_column(tmp_path):
    (tmp_path/"ml-100k.inter").write_text("user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t10\t5\t881250949\n")
    (tmp_path/"ml-100k.item").write_text("item_id:token\tmovie_title:token_seq\tclass:token_seq\n10\tToy Story\tComedy\n")
    (tmp_path/"ml-100k.user").write_text("user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n1\t24\tM\tx\t1\n")
    with pytest.raises(DataError, match=r"ml-100k\.item: missing column\(s\) \['release_year'\]"):
        read_ml100k(tmp_path)

def test_recbole_layout_good(tmp_path):
    (tmp_path/"ml-100k.inter").write_text("user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t10\t5\t881250949\n1\t11\tnan\t1\n")
    (tmp_path/"ml-100k.item").write_text("item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n10\tToy Story\t1995\tAnimation Comedy\n11\tX\t1996\tDrama\n")
    (tmp_path/"ml-100k.user").write_text("user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n1\t24\tM\tx\t1\n")
    with pytest.raises(DataError, match=r"ml-100k\.inter: NaN or non-numeric rating in 1 row\(s\), first at row\(s\) \[3\]"):
        read_ml100k(tmp_path)                                   # row 3 = line 3 of the file (header is line 1)
    d = read_ml100k(tmp_path, on_bad="skip")
    assert d.items.set_index("item_id").loc[10, ["title", "year"]].tolist() == ["Toy Story", 1995]

def test_not_a_movielens_folder(tmp_path):
    with pytest.raises(DataError, match="no MovieLens-100k files"):
        read_ml100k(tmp_path)

# --- Women's Clothing reviews (Kaggle CSV layout) ---
HEAD = ",Clothing ID,Age,Title,Review Text,Rating,Recommended IND,Positive Feedback Count,Division Name,Department Name,Class Name\n"

def test_clothing_csv(tmp_path):
    p = tmp_path/"reviews.csv"
    p.write_text(HEAD + "0,767,33,,Absolutely wonderful,4,1,0,Initmates,Intimate,Intimates\n"
                        "1,1080,34,Nice,,5,1,4,General,Dresses,Dresses\n"
                        "2,1080,60,Bad,Too small,,0,0,General,Dresses,Dresses\n")
    with pytest.raises(DataError, match=r"reviews\.csv: NaN or non-numeric rating in 1 row\(s\), first at row\(s\) \[4\]"):
        read_clothing(p)
    d = read_clothing(p, on_bad="skip")
    assert len(d.reviews) == 2 and d.report.counts["empty text (kept)"] == 1
    assert d.report.counts["NaN or non-numeric rating (skipped)"] == 1
    with pytest.raises(DataError, match=r"reviews\.csv: empty text in 1 row\(s\), first at row\(s\) \[3\]"):
        read_clothing(p, on_bad="skip", empty_text="raise")
    assert len(read_clothing(p, on_bad="skip", empty_text="skip").reviews) == 1

def test_clothing_missing_column_and_empty(tmp_path):
    p = tmp_path/"r.csv"; p.write_text(HEAD.replace(",Rating", ",Stars") + "0,767,33,,x,4,1,0,a,b,c\n")
    with pytest.raises(DataError, match=r"r\.csv: missing column\(s\) \['Rating'\]"):
        read_clothing(p)
    (tmp_path/"e.csv").write_text("")
    with pytest.raises(DataError, match=r"e\.csv: missing or empty"):
        read_clothing(tmp_path/"e.csv")

# --- posters and images ---
@pytest.fixture
def poster_folder(tmp_path):
    "A poster folder in the published layout with one good JPEG, one PNG named .jpg, one truncated JPEG, one empty file."
    src = posters_dir()/"posters"
    d = tmp_path/"posters_set"; (d/"posters").mkdir(parents=True)
    (d/"movies.dat").write_bytes("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Se7en (1995)::Crime|Thriller\n"
                                 "3::Usual Suspects, The (1995)::Crime\n4::Heat (1995)::Action\n".encode("latin-1"))
    shutil.copy(src/"1.jpg", d/"posters"/"1.jpg")
    Image.open(src/"2.jpg").save(d/"posters"/"2.jpg", format="PNG")                 # PNG named .jpg
    raw = (src/"3.jpg").read_bytes(); (d/"posters"/"3.jpg").write_bytes(raw[: len(raw) // 2])   # truncated
    (d/"posters"/"4.jpg").write_bytes(b"")                                           # empty
    return d

def test_image_checks(poster_folder):
    p = poster_folder/"posters"
    assert check_image(p/"1.jpg")["ok"] and not check_image(p/"1.jpg")["mislabelled"]
    c = check_image(p/"2.jpg"); assert c["ok"] and c["format"] == "PNG" and c["mislabelled"]
    assert not check_image(p/"3.jpg")["ok"] and "truncated" in check_image(p/"3.jpg")["error"]
    assert check_image(p/"4.jpg")["error"] == "OSError: empty file"
    assert read_image(p/"2.jpg", (8, 8)).shape == (8, 8, 3)
    with pytest.raises(ImageError, match=r"3\.jpg: cannot decode image"):
        read_image(p/"3.jpg")
    with pytest.raises(ImageError, match=r"2 undecodable image\(s\)"):
        check_images([p/f"{i}.jpg" for i in (1, 2, 3, 4)])
    keep, rep = check_images([p/f"{i}.jpg" for i in (1, 2, 3, 4)], on_bad="skip")
    assert keep.tolist() == [0, 1] and rep.counts["undecodable image (skipped)"] == 2

def test_poster_join_counts_every_problem(poster_folder):
    items = pd.DataFrame(dict(item_id=[10, 20, 30, 40, 50], title=["Toy Story", "Se7en", "The Usual Suspects", "Heat", "Nothing Like It"],
                              year=pd.array([1995, 1995, 1995, 1995, 1995], dtype="Int64")))
    out, st = join_posters(items, poster_folder)
    assert out.ml1m_id.tolist()[:4] == [1, 2, 3, 4] and pd.isna(out.ml1m_id.iloc[4])
    assert out.image_path.notna().tolist() == [True, True, False, False, False]
    assert st["title_year_matched"] == 4 and st["with_poster"] == 2
    assert st["posters_undecodable"] == 2 and st["posters_mislabelled"] == 1

def test_poster_join_by_id_map(poster_folder):
    "Data that already carries ML-1M ids joins by id; title + year is the fallback for the rest."
    items = pd.DataFrame(dict(item_id=[10, 50], title=["Toy Story", "Nothing Like It"], year=pd.array([1995, 1995], dtype="Int64")))
    out, st = join_posters(items, poster_folder, id_map={50: 2})
    assert out.ml1m_id.tolist() == [1, 2] and out.image_path.notna().tolist() == [True, True]
    assert st["id_mapped"] == 1 and st["title_year_matched"] == 1
    out2, _ = join_posters(items.assign(ml1m=[pd.NA, 2]), poster_folder, id_map="ml1m")
    assert out2.ml1m_id.tolist() == [1, 2]
    with pytest.raises(DataError, match="missing column"):
        join_posters(items, poster_folder, id_map="no_such_column")

def test_movies_dat_bad_row(tmp_path):
    (tmp_path/"movies.dat").write_bytes(b"1::Toy Story (1995)::Animation\nnot a movie line\n")
    with pytest.raises(DataError, match=r"movies\.dat: row 2 is not 'id::title \(year\)::genres'"):
        load_ml1m_movies(tmp_path/"movies.dat")

def test_missing_posters_folder_lists_routes(tmp_path, monkeypatch):
    monkeypatch.setenv("RECREPRO_POSTERS", str(tmp_path/"nowhere"))
    monkeypatch.setenv("RECREPRO_DATA", str(tmp_path/"cache"))
    monkeypatch.setenv("RECREPRO_ROOT", str(tmp_path))            # no ../shared beside this fake checkout
    with pytest.raises(DataUnavailable) as e:
        posters_dir()
    msg = str(e.value)
    assert "RECREPRO_POSTERS" in msg and "cache" in msg and "What you can do: set RECREPRO_POSTERS" in msg
