// Opens a data map page (`cargo consent map --format html`) in headless Chromium through
// playwright-core and reports, as one JSON object on stdout, what a person would see: console
// errors, page errors, every request the page made, the flows shown, the flows left after
// filtering by a recipient, a flow's opened path, and the order after sorting by a column.
// It also takes a screenshot. The Rust test decides what is right.
//
// Usage: node check_map_page.cjs PAGE.html RECIPIENT SCREENSHOT.png USER_DATA_DIR
// (playwright-core is found through NODE_PATH; Chromium at CONSENT_CHROMIUM or /usr/bin/chromium)
"use strict";

const path = require("path");
const { chromium } = require("playwright-core");

async function main() {
  const [page_file, recipient, screenshot, user_data_dir] = process.argv.slice(2);
  const context = await chromium.launchPersistentContext(user_data_dir, {
    executablePath: process.env.CONSENT_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
  const report = { console_errors: [], page_errors: [], requests: [] };
  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      report.console_errors.push(message.text());
    }
  });
  page.on("pageerror", (error) => report.page_errors.push(String(error)));
  page.on("request", (request) => report.requests.push(request.url()));
  await page.goto("file://" + path.resolve(page_file), { waitUntil: "load" });

  const visible_ids = () =>
    page.$$eval("tbody.flow", (flows) =>
      flows.filter((flow) => !flow.hidden && flow.offsetParent !== null).map((flow) => flow.dataset.id)
    );
  report.title = await page.title();
  report.shown = await visible_ids();
  report.graph_nodes = await page.$$eval("#graph svg g.node", (nodes) => nodes.length);

  await page.selectOption("#filter-recipient", recipient);
  report.filtered = await visible_ids();
  report.filtered_recipients = await page.$$eval("tbody.flow", (flows) =>
    flows.filter((flow) => !flow.hidden).map((flow) => flow.dataset.recipient)
  );
  report.filtered_count = await page.textContent("#shown-count");
  await page.selectOption("#filter-recipient", "");

  const first = "tbody.flow:not([hidden]) button.toggle";
  await page.click(first);
  report.opened_path = await page.$eval("tbody.flow:not([hidden]) tr.path", (row) => ({
    visible: !row.hidden && row.offsetParent !== null,
    steps: row.querySelectorAll("li").length,
    code: Array.from(row.querySelectorAll("pre code")).map((code) => code.textContent),
  }));

  await page.click("th[data-sort='category']");
  report.sorted_by_category = await page.$$eval("tbody.flow", (flows) =>
    flows.map((flow) => flow.dataset.category)
  );

  await page.screenshot({ path: screenshot, fullPage: true });
  await context.close();
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
