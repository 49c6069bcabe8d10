"""The readers' edition in a real browser: headless Chromium (the Debian package) opens the built PAMR page from disk;
eq (15) is typeset by the bundled MathJax, Fig 3's curves are shown, and no request leaves the machine. Screenshots of
the equation and the figure are saved in docs/_build/browser-test/ for a person to look at."""
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from recrepro.docs import build_site

    return build_site("smoke", out=tmp_path_factory.mktemp("site"), root=ROOT).parent


def test_pamr_page_offline_with_typeset_equation_and_figure(site):
    shots = ROOT / "docs" / "_build" / "browser-test"
    shots.mkdir(parents=True, exist_ok=True)
    requests = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=dict(width=1280, height=900))
        page.on("request", lambda r: requests.append(r.url))
        page.goto((site / "10_pamr.html").as_uri(), wait_until="load")
        maths = page.evaluate(
            """() => MathJax.startup.promise.then(() => Array.from(MathJax.startup.document.math)
                   .map(m => ({tex: m.math, root: m.typesetRoot ? m.typesetRoot.tagName : null})))"""
        )
        eq15 = [m for m in maths if "(15)" in m["tex"]]
        assert eq15 and all(m["root"] == "MJX-CONTAINER" for m in eq15), maths[:3]
        assert page.locator("text=$$").count() == 0  # no equation left as raw TeX
        fig = page.locator("img[src*='fig3_accuracy_loss']")
        fig.scroll_into_view_if_needed()
        assert fig.evaluate("img => img.complete && img.naturalWidth > 0")
        fig.screenshot(path=str(shots / "10_pamr_fig3.png"))
        container = page.evaluate_handle(
            "() => Array.from(MathJax.startup.document.math).find(m => m.math.includes('(15)')).typesetRoot"
        ).as_element()
        container.scroll_into_view_if_needed()
        container.screenshot(path=str(shots / "10_pamr_eq15.png"))
        browser.close()
    remote = [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert not remote, remote
    assert len(requests) > 3  # the page, its styles, MathJax and the figure were loaded from disk
