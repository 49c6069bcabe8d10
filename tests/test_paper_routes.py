"""The chapters' paper-data routes, used by the full profile when the papers' datasets are present: Amazon Reviews 2023
for PICNN-BiLSTM, TMDB posters for the VGG19 chapter, Yelp for PPRM. Exercised on small files in the official formats."""
import gzip, json, shutil
from pathlib import Path
import numpy as np, pandas as pd, pytest
from recrepro.paperdata import load_amazon2023, load_tmdb5000, load_yelp
from recrepro.data import posters_dir

def _jsonl(path, rows):
    with (gzip.open(path, "wt") if str(path).endswith(".gz") else open(path, "w")) as f:
        for r in rows: f.write(json.dumps(r) + "\n")

def test_amazon_reviews_for_picnn(tmp_path):
    from recrepro.picnn import amazon_reviews_frame
    rev = [dict(rating=r, title=f"t{i}", text=f"text {i}", images=[], asin=f"A{i}", parent_asin=f"P{i}", user_id=u,
                timestamp=1600000000000 + i * 1000, helpful_vote=0, verified_purchase=True)
           for i, (r, u) in enumerate([(5, "U1"), (2, "U1"), (4, "U2"), (1, "U3"), (5, "U3"), (3, "U3"), (4, "U3"), (5, "U3")])]
    rev.append(dict(rev[-1], rating=2, text="changed my mind", timestamp=1700000000000))      # same user and item again
    _jsonl(tmp_path/"Amazon_Fashion.jsonl.gz", rev)
    _jsonl(tmp_path/"meta_Amazon_Fashion.jsonl", [dict(parent_asin=f"P{j}", title=f"item {j}", features=[], description=[], images=[], categories=[])
                                                 for j in range(8)])
    with pytest.raises(Exception, match="duplicate"):
        load_amazon2023("Amazon_Fashion", tmp_path, download_missing=False)
    rd = load_amazon2023("Amazon_Fashion", tmp_path, on_bad="skip", download_missing=False)
    assert rd.report.counts == {"duplicate (user_id, item_id) row (skipped)": 1}
    df = amazon_reviews_frame(rd)
    assert len(df) == 8 and df.text.iloc[0] == "t0. text 0"
    assert rd.reviews.set_index("item_id").loc["P7", "text"] == "changed my mind"          # the later review is kept
    assert df.recommended.tolist() == [int(r >= 4) for r in rd.reviews.rating]
    assert dict(zip(rd.reviews.user_id, df.segment)) == {"U1": "2-4 reviews", "U2": "1 review", "U3": "5+ reviews"}

def test_tmdb_posters_attach(tmp_path):
    pd.DataFrame([dict(budget=1, genres=json.dumps([{"id": 35, "name": "Comedy"}]), homepage="", id=i, keywords="[]", original_language="en",
                       original_title=f"M{i}", overview=f"film {i}", popularity=1.0, release_date="2001-01-01", title=f"M{i}", vote_average=6.0, vote_count=10)
                  for i in (1, 2)]).to_csv(tmp_path/"tmdb_5000_movies.csv", index=False)
    pd.DataFrame([dict(movie_id=i, title=f"M{i}", cast="[]", crew="[]") for i in (1, 2)]).to_csv(tmp_path/"tmdb_5000_credits.csv", index=False)
    (tmp_path/"images").mkdir(); shutil.copy(posters_dir()/"posters"/"1.jpg", tmp_path/"images"/"1.jpg")
    it = load_tmdb5000(tmp_path).items.set_index("item_id")
    assert it.loc[1, "image_path"].endswith("images/1.jpg") and pd.isna(it.loc[2, "image_path"])
    assert it.loc[1, "categories"] == ["Comedy"]

def test_yelp_task_for_pprm(tmp_path):
    from recrepro.pprm import yelp_task, pair_matrix
    _jsonl(tmp_path/"business.json", [dict(business_id=f"B{i}", name=f"Shop {i}", city="Reno", stars=4.0, review_count=3,
                                           attributes={"WiFi": "free"}, categories="Cafes, Tea") for i in range(4)])
    _jsonl(tmp_path/"user.json", [dict(user_id=f"U{i}", name="x", review_count=5, yelping_since="2015-01-01 00:00:00", average_stars=4.0, fans=1) for i in range(3)])
    reviews = [dict(review_id=f"R{k}", user_id=f"U{k % 3}", business_id=f"B{k % 4}", stars=1 + k % 5, date=f"2019-01-{k + 1:02d} 10:00:00", text="t")
               for k in range(12)]
    _jsonl(tmp_path/"review.json", reviews)
    t = yelp_task(load_yelp(tmp_path), n_recent=2, fracs=(0.5, 0.25, 0.25))
    tr, te = t["parts"]["train"], t["parts"]["test"]
    assert t["name"] == "yelp" and tr.timestamp.max() <= te.timestamp.min()
    # the user text names only businesses reviewed in the training part (no future leaks into the features)
    names_after = {f"Shop {b[-1]}" for b in te.item_id} - {f"Shop {b[-1]}" for b in tr.item_id}
    for u, txt in t["u_text"].items():
        recent = txt.split("Recently reviewed: ")[1]
        assert not any(n in recent for n in names_after)
    assert "Cafes, Tea" in t["b_text"]["B0"] and "WiFi=free" in t["b_text"]["B0"]
    vec = {k: np.ones(3) for k in t["u_text"]}, {k: np.zeros(2) for k in t["b_text"]}
    X, y = pair_matrix(t, "train", *vec)
    assert X.shape == (len(tr), 5) and set(y) <= {0, 1}
