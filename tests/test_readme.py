"The README's 'Use it on your own data' examples, run as written on a small MovieLens-format dataset made here."
import re
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT


def readme_examples() -> list:
    "The python code blocks of the README section 'Use it on your own data'."
    text = (ROOT / "README.md").read_text()
    section = text.split("## Use it on your own data", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.fixture
def movielens_format(tmp_path, monkeypatch):
    "ratings.csv (userId, movieId, half-star rating, timestamp) and movies.csv (movieId, title, genres 'A|B') in the cwd."
    rng = np.random.default_rng(0)
    n_users, n_items, n = 40, 60, 1600
    genres = ["Action", "Comedy", "Drama", "Horror", "Romance"]
    movies = pd.DataFrame(dict(movieId=np.arange(1, n_items + 1), title=[f"Film {k} ({1980 + k % 30})" for k in range(n_items)],
                               genres=["|".join(rng.choice(genres, rng.integers(1, 3), replace=False)) for _ in range(n_items)]))
    ratings = pd.DataFrame(dict(userId=rng.integers(1, n_users + 1, n), movieId=rng.zipf(1.5, n) % n_items + 1,
                                rating=rng.integers(1, 11, n) / 2, timestamp=1_000_000 + rng.permutation(n)))
    ratings = ratings.drop_duplicates(["userId", "movieId"])
    monkeypatch.chdir(tmp_path)
    ratings.to_csv("ratings.csv", index=False)
    movies.to_csv("movies.csv", index=False)
    return ratings, movies


def test_readme_has_short_examples():
    blocks = readme_examples()
    assert len(blocks) == 2
    audit = blocks[1].strip().splitlines()
    assert len(audit) < 15, f"the audit example has {len(audit)} lines"


def test_readme_examples_run(movielens_format, capsys):
    for code in readme_examples():
        exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "NDCG@10" in out and "PPRM" in out and "status" in out
