package org.rait.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (named explicitly: Selenium Manager
 * must not try to fetch anything). The registry's self-signed certificate is trusted by its key, the same pin the
 * agents use, never by ignoring certificate errors.
 */
final class AdminBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;
    private final Path screenshots;

    private AdminBrowser(WebDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    /** Why the browser cannot run here, if it cannot. */
    static Optional<String> missing() {
        if (!Files.isExecutable(CHROMIUM)) return Optional.of(CHROMIUM + " is missing (Debian package chromium)");
        if (!Files.isExecutable(CHROMEDRIVER)) return Optional.of(CHROMEDRIVER + " is missing (Debian package chromium-driver)");
        return Optional.empty();
    }

    /** @param pin the registry's "sha256/BASE64" certificate pin */
    static AdminBrowser open(String registryUrl, String pin, Path profile, Path screenshots) throws IOException {
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,1100",
                "--ignore-certificate-errors-spki-list=" + pin.substring(pin.indexOf('/') + 1));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(profile.resolve("chromedriver.log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new AdminBrowser(driver, registryUrl, screenshots);
    }

    void signIn(String adminToken) {
        driver.get(base + "/ui/");
        driver.findElement(By.name("token")).sendKeys(adminToken);
        driver.findElement(By.cssSelector("#sign-in button")).click();
        if (driver.findElements(By.id("matrix")).isEmpty()) {
            throw new AssertionError("sign-in did not open the page:\n" + driver.getPageSource());
        }
    }

    /** Clicks the Approve button in the pending node's row. */
    void approve(String node) {
        WebElement row = driver.findElement(By.cssSelector("#pending tr[data-node='" + node + "']"));
        row.findElement(By.cssSelector("button[value='approve']")).click();
    }

    /** Types {@code endpoints} into the approved node's edit form and saves it. */
    void editEndpoints(String node, String endpoints) {
        WebElement row = driver.findElement(By.cssSelector("#approved tr[data-node='" + node + "']"));
        WebElement field = row.findElement(By.name("endpoints"));
        field.clear();
        field.sendKeys(endpoints);
        row.findElement(By.cssSelector("button[value='edit']")).click();
    }

    /** The endpoints the approved node's edit form shows. */
    String endpointsShown(String node) {
        return driver.findElement(By.cssSelector("#approved tr[data-node='" + node + "'] input[name='endpoints']")).getAttribute("value");
    }

    /** The page's refusal message, "" when there is none. */
    String problem() {
        return driver.findElements(By.id("problem")).stream().findFirst().map(WebElement::getText).orElse("");
    }

    boolean listedAs(String node, String table) {
        return !driver.findElements(By.cssSelector("#" + table + " tr[data-node='" + node + "']")).isEmpty();
    }

    /**
     * data-state of the matrix cell (from, to) as the self-refreshing grid shows it now; "absent" when none. Read in
     * one script call: the grid is replaced every few seconds, so an element found in one call may be gone in the next.
     */
    String cellState(String from, String to) {
        return cellAttribute(from, to, "data-state");
    }

    /** The colour class of that cell (hs-fresh, hs-ok, hs-stale, hs-none). */
    String cellClass(String from, String to) {
        return cellAttribute(from, to, "class");
    }

    private String cellAttribute(String from, String to, String attribute) {
        Object value = ((JavascriptExecutor) driver).executeScript(
                "const cell = document.querySelector(\"#matrix td[data-from='\" + arguments[0] + \"'][data-to='\" + arguments[1] + \"']\");"
                        + "return cell ? cell.getAttribute(arguments[2]) : 'absent';", from, to, attribute);
        return String.valueOf(value);
    }

    /**
     * What the registry answers when this signed-in page posts a change without the CSRF token (as a forged form
     * from the same browser would): the HTTP status.
     */
    long postWithoutCsrf(String path, String key) {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: new URLSearchParams({key: arguments[1]})})"
                        + ".then(r => done(r.status)).catch(e => done(-1));", path, key);
        return ((Number) status).longValue();
    }

    String pageSource() {
        return driver.getPageSource();
    }

    Path screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
