"""recrepro.pamr as another project imports it: the AUG-GRU layer against its NumPy reference, and a Keras save/load round trip."""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np
import pytest

keras = pytest.importorskip("keras")


def _data(B=3, T=5, G=4, Q=2, seed=0):
    rng = np.random.default_rng(seed)
    seq, sq = rng.normal(size=(B, T, G)).astype("float32"), rng.normal(size=(B, Q)).astype("float32")
    mask = np.ones((B, T), bool); mask[0, :2] = False
    return seq, sq, mask


def test_augru_matches_reference():
    from recrepro.pamr import AUGRU, augru_reference
    seq, sq, mask = _data()
    lay = AUGRU(6, return_attention=True)
    h, q = lay([seq, sq], mask=mask)
    rh, rq = augru_reference(seq, sq, *(np.asarray(w) for w in (lay.W, lay.b, lay.cell.U_uv, lay.cell.U_g, lay.C)), mask=mask)
    np.testing.assert_allclose(np.asarray(h), rh, atol=1e-5)
    np.testing.assert_allclose(np.asarray(q), rq, atol=1e-6)


def test_augru_model_saves_and_loads(tmp_path):
    from recrepro.pamr import AUGRU
    seq, sq, mask = _data()
    s, qin, m_in = keras.Input((5, 4)), keras.Input((2,)), keras.Input((5,), dtype="bool")
    model = keras.Model([s, qin, m_in], keras.layers.Dense(1)(AUGRU(6, kernel_regularizer="l2")([s, qin], mask=m_in)))
    before = np.asarray(model([seq, sq, mask]))
    model.save(tmp_path/"m.keras")
    again = keras.saving.load_model(tmp_path/"m.keras")
    np.testing.assert_allclose(np.asarray(again([seq, sq, mask])), before, atol=1e-6)


def test_fusion_and_user_vectors_reject_bad_input():
    from recrepro.pamr import fuse, sequence_samples
    import pandas as pd
    from recrepro.splits import IdIndex
    with pytest.raises(ValueError, match="one width"):
        fuse(np.zeros((2, 3)), np.zeros((2, 4)), np.zeros((2, 3)), 0.5)
    df = pd.DataFrame(dict(user_id=[1, 1], item_id=[5, 99], rating=[4, 5], timestamp=[1, 2]))
    with pytest.raises(Exception, match="99"):
        sequence_samples(df, IdIndex(df.user_id), IdIndex([5]), L=2)
