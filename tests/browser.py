"""A real headless browser for the report's tests: Debian's Chromium driven by its chromedriver
(selenium), with the network cut off so that a page needing anything from outside fails."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@dataclass
class PageCheck:
    charts: dict[str, int]     # chart name -> drawn plot elements (bars, points, lines) in its SVG
    errors: list[str]          # the browser's SEVERE console entries: script errors, failed loads
    labels: dict[str, list[str]] = field(default_factory=dict)  # chart name -> the text drawn beside its points


def browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists() and not shutil.which(Path(path).name):
            return (f"{path} is missing: `make test` installs Debian's chromium and chromium-driver "
                    "(as root: apt-get install chromium chromium-driver)")
    return None


def open_page(path: Path, wait_seconds: float = 30.0) -> PageCheck:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,2000"):  # offline: no host resolves
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(wait_seconds)
        driver.get(path.resolve().as_uri())
        count = "return Array.from(document.querySelectorAll('div.chart')).filter(c => c.querySelector('svg.main-svg')).length"
        total = driver.execute_script("return document.querySelectorAll('div.chart').length")
        try:
            WebDriverWait(driver, wait_seconds).until(lambda d: d.execute_script(count) == total)
        except TimeoutException:
            pass  # the charts that did not draw show as 0 below
        charts = driver.execute_script(
            "const out = {}; for (const c of document.querySelectorAll('div.chart')) {"
            "  out[c.dataset.chart] = c.querySelectorAll('svg.main-svg .point, svg.main-svg .trace path, "
            "svg.main-svg .scatterlayer .trace').length; } return out;")
        labels = driver.execute_script(
            "const out = {}; for (const c of document.querySelectorAll('div.chart')) {"
            "  out[c.dataset.chart] = Array.from(c.querySelectorAll('svg.main-svg .textpoint text')).map(t => t.textContent); }"
            " return out;")
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        return PageCheck(charts, errors, labels)
    finally:
        driver.quit()
