import { expect, test, type Page } from "@playwright/test";
import { axeViolations, shot, shots } from "./support";

test("type in the header box, pick a suggestion by keyboard, land on the paper", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search papers" });
  await box.pressSequentially("kolmogorov arn", { delay: 30 });
  const options = page.getByRole("listbox").getByRole("option");
  // Each paper with its first authors and day, in full (two lines), and last the row that searches.
  await expect(options.first()).toContainText("Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?");
  await expect(options.first()).toContainText("4 authors · Mar 13, 2025");
  await expect(options.last()).toHaveText("Search for “kolmogorov arn” →");
  const [input, list] = [(await box.boundingBox())!, (await page.getByRole("listbox").boundingBox())!];
  expect(list.width).toBeGreaterThan(input.width);
  await shot(page, "30-search-suggestions");
  // Up from the box is the search row; Enter on it searches.
  await box.press("ArrowUp");
  await expect(options.last()).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=kolmogorov\+arn$/);
  await page.goto("/");
  await box.pressSequentially("kolmogorov arn", { delay: 30 });
  await expect(options.first()).toContainText("Kolmogorov-Arnold Attention");
  await box.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/papers\/kolmogorov-arnold-attention/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kolmogorov-Arnold Attention");
  await expect(page.getByRole("heading", { name: "Related papers" })).toBeVisible();
  await shot(page, "31-paper-related");

  // Suggestions come in groups: the papers, then the authors whose names hold the words typed.
  await box.fill("");
  await box.pressSequentially("tri dao", { delay: 30 });
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  await expect(listbox.getByRole("group", { name: "Papers" }).getByRole("option").first()).toContainText("Mamba");
  const author = listbox.getByRole("group", { name: "Authors" }).getByRole("option");
  await expect(author).toHaveText("Papers by Tri Dao");
  expect(await axeViolations(page)).toEqual([]);
  await shots(page, "30b-search-suggestion-groups");
  // On a phone the list stays inside the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  const box390 = (await listbox.boundingBox())!;
  expect(box390.x).toBeGreaterThanOrEqual(0);
  expect(box390.x + box390.width).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  await author.click();
  await expect(page).toHaveURL(/\/search\?q=%22Tri\+Dao%22$/);
  await expect(page.locator("article").first()).toContainText("Mamba");
});

test("search, page through results, filter, sort", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search papers" });
  await box.fill("deep");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=deep$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “deep”");
  // The header box keeps the query to change it in place, without popping suggestions open.
  await expect(box).toHaveValue("deep");
  await page.waitForTimeout(400); // past the suggestions' 200 ms debounce
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(page.locator("article mark").first()).toBeVisible();
  await expect(page.getByText(/Page 1 of 2/)).toBeVisible();
  await shot(page, "32-search-results");
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText(/Page 2 of 2/)).toBeVisible();

  await page.goto("/search?q=models");
  await expect(box).toHaveValue("models");
  // The category is a choice among the database's categories, each with its number of papers.
  const category = page.getByLabel("Category");
  const choices = await category.locator("option").allTextContents();
  expect(choices[0]).toBe("All categories");
  expect(choices).toContain(`cs.LG (${await papersInCategory(page, "cs.LG")})`);
  expect(choices.slice(1)).toEqual([...choices.slice(1)].sort());
  await category.selectOption("cs.LG");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/category=cs\.LG/);
  await expect(page.locator("article")).toHaveCount(1);
  await expect(page.locator("article")).toContainText("Mamba");
  await expect(category).toHaveValue("cs.LG");
  await category.selectOption("");
  await page.getByLabel("From", { exact: true }).fill("2024-10-01");
  await page.getByLabel("To", { exact: true }).fill("2024-10-31");
  await page.getByLabel("Sort").selectOption("newest");
  await page.getByRole("button", { name: "Apply" }).click();
  const dates = await page.locator("article time").allTextContents();
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((date) => date.includes("Oct") && date.includes("2024"))).toBe(true);
  await shot(page, "33-search-filtered");
});

/** How many visible papers the API says carry a category, counted over every page of the feed. */
async function papersInCategory(page: Page, category: string): Promise<number> {
  let count = 0;
  for (let cursor: string | null = ""; cursor !== null;) {
    const response = await page.request.get(`/api/papers?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    const body = (await response.json()) as { papers: Array<{ categories: string[] }>; nextCursor: string | null };
    count += body.papers.filter((paper) => paper.categories.includes(category)).length;
    cursor = body.nextCursor;
  }
  return count;
}

test("formulas in a result's title and snippet are rendered, the matches marked outside them", async ({ page }) => {
  await page.goto("/search?q=nambu+sigma");
  const result = page.locator("article").first();
  await expect(result.locator("h2 .katex")).toBeVisible();
  await expect(result.locator("p .katex").first()).toBeVisible();
  await expect(result.locator("mark").first()).toBeVisible();
  await expect(result).not.toContainText("$");
  expect(await result.locator(".katex mark").count()).toBe(0);
  await shot(page, "36-search-latex");
});

test("a typo still finds papers; bad input gets a message, markup stays text", async ({ page }) => {
  await page.goto("/search?q=tranformers");
  await expect(page.getByRole("status")).toContainText("Nothing matched “tranformers”");
  await expect(page.locator("article").first()).toBeVisible();
  await shot(page, "34-search-typo");

  await page.goto(`/search?q=${encodeURIComponent('<script>window.__pwned=1</script> "unbalanced AND (')}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>");
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.goto(`/search?q=${"x".repeat(260)}`);
  await expect(page.locator("main").getByRole("alert")).toContainText("at most 250 characters");
  await page.goto("/search?q=deep&from=2024-13-40&limit=5");
  await expect(page.locator("main").getByRole("alert")).toContainText('from must be a day written YYYY-MM-DD, not "2024-13-40"');
  await shot(page, "35-search-bad-input");
});
