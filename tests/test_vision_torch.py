"""The torchvision -> Keras converters and the torch-free checkpoint reader, against real torch.

torch is a test-only extra (`pip install torch==2.13.0`: a local CPU wheel on this project's machines; .ci/run installs
it). torchvision has no CPU wheel here, so the reference AlexNet and GoogLeNet are written below with torch.nn,
module for module as torchvision defines them (same parameter names), and given random weights, BN statistics included."""
import numpy as np, pytest
torch = pytest.importorskip("torch")
nn, F = torch.nn, torch.nn.functional
from recrepro.vision import load_torch_state_dict, alexnet, googlenet

class AlexNetRef(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(True), nn.MaxPool2d(3, 2), nn.Conv2d(64, 192, 5, padding=2),
                                      nn.ReLU(True), nn.MaxPool2d(3, 2), nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(True),
                                      nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(True), nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(True),
                                      nn.MaxPool2d(3, 2))
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(nn.Dropout(), nn.Linear(256 * 36, 4096), nn.ReLU(True), nn.Dropout(), nn.Linear(4096, 4096),
                                        nn.ReLU(True), nn.Linear(4096, 1000))
    def forward(self, x):
        x = torch.flatten(self.avgpool(self.features(x)), 1)
        fc7 = self.classifier[:6](x)
        return fc7, self.classifier[6](fc7)

class BasicConv2d(nn.Module):
    def __init__(self, i, o, **kw):
        super().__init__(); self.conv = nn.Conv2d(i, o, bias=False, **kw); self.bn = nn.BatchNorm2d(o, eps=0.001)
    def forward(self, x): return F.relu(self.bn(self.conv(x)), inplace=True)

class Inception(nn.Module):
    def __init__(self, i, c1, c3r, c3, c5r, c5, pp):
        super().__init__()
        self.branch1 = BasicConv2d(i, c1, kernel_size=1)
        self.branch2 = nn.Sequential(BasicConv2d(i, c3r, kernel_size=1), BasicConv2d(c3r, c3, kernel_size=3, padding=1))
        self.branch3 = nn.Sequential(BasicConv2d(i, c5r, kernel_size=1), BasicConv2d(c5r, c5, kernel_size=3, padding=1))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True), BasicConv2d(i, pp, kernel_size=1))
    def forward(self, x): return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)

class GoogLeNetRef(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = BasicConv2d(3, 64, kernel_size=7, stride=2, padding=3); self.maxpool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = BasicConv2d(64, 64, kernel_size=1); self.conv3 = BasicConv2d(64, 192, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.inception3a = Inception(192, 64, 96, 128, 16, 32, 32); self.inception3b = Inception(256, 128, 128, 192, 32, 96, 64)
        self.maxpool3 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.inception4a = Inception(480, 192, 96, 208, 16, 48, 64); self.inception4b = Inception(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = Inception(512, 128, 128, 256, 24, 64, 64); self.inception4d = Inception(512, 112, 144, 288, 32, 64, 64)
        self.inception4e = Inception(528, 256, 160, 320, 32, 128, 128); self.maxpool4 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.inception5a = Inception(832, 256, 160, 320, 32, 128, 128); self.inception5b = Inception(832, 384, 192, 384, 48, 128, 128)
        self.fc = nn.Linear(1024, 1000)
    def forward(self, x):
        x = self.maxpool2(self.conv3(self.conv2(self.maxpool1(self.conv1(x)))))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        for n in "abcde": x = getattr(self, f"inception4{n}")(x)
        x = self.inception5b(self.inception5a(self.maxpool4(x)))
        pool5 = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return pool5, self.fc(pool5)

def _randomise(model, seed):
    torch.manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5); m.running_var.uniform_(0.5, 2.0); m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2)
    return model.eval()

def _roundtrip(model, tmp_path, legacy):
    "Save with torch (zip or legacy format), read back without torch."
    p = tmp_path/("legacy.pth" if legacy else "zip.pth")
    torch.save(model.state_dict(), p, _use_new_zipfile_serialization=not legacy)
    return load_torch_state_dict(p)

@pytest.mark.parametrize("legacy", [False, True])
def test_reader_matches_torch_both_formats(tmp_path, legacy):
    m = _randomise(AlexNetRef(), 0)
    sd = _roundtrip(m, tmp_path, legacy)
    ref = m.state_dict()
    assert set(sd) == set(ref)
    for k, v in ref.items(): np.testing.assert_array_equal(sd[k], v.numpy(), err_msg=k)
    # a non-contiguous (transposed) tensor keeps its values
    p = tmp_path/"t.pth"; t = torch.arange(12.).reshape(3, 4).t()
    torch.save({"t": t}, p, _use_new_zipfile_serialization=not legacy)
    np.testing.assert_array_equal(load_torch_state_dict(p)["t"], t.numpy())

def test_alexnet_keras_matches_torch(tmp_path):
    m = _randomise(AlexNetRef(), 1)
    k = alexnet(_roundtrip(m, tmp_path, legacy=False))
    x = np.random.default_rng(0).normal(size=(2, 3, 224, 224)).astype(np.float32)
    with torch.no_grad(): fc7, logits = m(torch.from_numpy(x))
    out = k(x.transpose(0, 2, 3, 1), training=False)
    np.testing.assert_allclose(np.asarray(out["fc7"]), fc7.numpy(), atol=1e-4, rtol=1e-3)
    np.testing.assert_allclose(np.asarray(out["logits"]), logits.numpy(), atol=1e-4, rtol=1e-3)

def test_googlenet_keras_matches_torch(tmp_path):
    m = _randomise(GoogLeNetRef(), 2)
    k = googlenet(_roundtrip(m, tmp_path, legacy=False))
    x = np.random.default_rng(1).normal(size=(2, 3, 224, 224)).astype(np.float32)
    with torch.no_grad(): pool5, logits = m(torch.from_numpy(x))
    out = k(x.transpose(0, 2, 3, 1), training=False)
    np.testing.assert_allclose(np.asarray(out["pool5"]), pool5.numpy(), atol=1e-4, rtol=1e-3)
    np.testing.assert_allclose(np.asarray(out["logits"]), logits.numpy(), atol=1e-4, rtol=1e-3)
