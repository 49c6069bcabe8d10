"Same seed, same data -> identical numbers: each neural chapter model's smallest configuration is fitted twice in one process."
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from recrepro.data import RecData


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    "String ids, half stars, time order, item titles, genres and small images."
    rng = np.random.default_rng(0)
    folder = tmp_path_factory.mktemp("posters")
    paths = []
    for k in range(15):
        p = folder / f"i{k}.png"
        Image.fromarray(rng.integers(0, 255, (20, 16, 3)).astype("uint8")).save(p)
        paths.append(str(p))
    items = pd.DataFrame(dict(item_id=[f"B{k:02d}" for k in range(16)], title=[f"{'red' if k % 2 else 'blue'} film {k}" for k in range(16)],
                              image_path=paths + [None], genres=["A|B" if k % 3 else "C" for k in range(16)]))
    ratings = pd.DataFrame(dict(user_id=[f"u{k}" for k in rng.integers(0, 12, 160)], item_id=[f"B{k:02d}" for k in rng.integers(0, 16, 160)],
                                rating=rng.integers(1, 11, 160) / 2, timestamp=np.arange(160))).drop_duplicates(["user_id", "item_id"])
    data = RecData.from_frame(ratings, items, timestamp="timestamp", item_text="title", item_image="image_path", item_categories="genres")
    return data, data.interactions.iloc[: int(0.8 * len(data.interactions))]


def twice(make, data, train, users=("u1", "u2")):
    a, b = make().fit(data, train).score(list(users)), make().fit(data, train).score(list(users))
    assert np.array_equal(a, b), f"max difference {np.abs(a - b).max()}"


def test_pamr_twice(toy):
    from recrepro.pamr import PAMR
    twice(lambda: PAMR(backbones=None, epochs=2, units=4, n_layers=1, query_dim=4, text_dim=4, tfidf_dim=3, user_dim=3, history=4), *toy)


def test_hybrid_twice(toy):
    from recrepro.hybrid import Hybrid
    twice(lambda: Hybrid(epochs=2, image_size=16, history=4, dims=8), *toy)


def test_pprm_twice(toy):
    from recrepro.pprm import PPRM
    twice(lambda: PPRM(epochs=2, hidden=(8,)), *toy)


def test_picnn_twice():
    from recrepro.picnn import PICNNBiLSTM
    rng = np.random.default_rng(4)
    words = {1: "awful torn cheap", 2: "poor fit", 3: "okay fabric", 4: "nice soft", 5: "love perfect gorgeous"}
    stars = rng.integers(1, 6, 200)
    reviews = pd.DataFrame(dict(user_id=[f"r{k}" for k in range(200)], item_id=[f"P{k:02d}" for k in rng.integers(0, 12, 200)],
                                rating=stars.astype(float), text=[f"{words[s]} {words[rng.integers(1, 6)]} dress" for s in stars]))
    twice(lambda: PICNNBiLSTM(epochs=2, vocab_size=60, seq_len=10, embed_dim=8, filters=8, lstm_units=8), RecData.from_frame(reviews),
          reviews.iloc[:160], users=("r1", "r2"))


def test_vgg19_knn_twice(toy):
    "The poster classifier's head is trained (head_epochs > 0), then the item-KNN reads its features."
    from recrepro.vgg19_knn import VGG19ItemKNN
    twice(lambda: VGG19ItemKNN(neighbours=3, head_epochs=2), *toy)
