package org.distreboot.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (Selenium), for what an operator
 * sees in the Temporal Web UI. Nothing is fetched from the network: the browser's own background
 * traffic is off, and the driver and browser are the installed ones.
 */
final class Browser implements AutoCloseable {
    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open() throws Exception {
        Path chromium = SystemTools.require("chromium", "apt-get install chromium");
        Path chromedriver = SystemTools.require("chromedriver", "apt-get install chromium-driver");
        Path profile = Files.createTempDirectory("distreboot-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Opens {@code address} and waits until the page's text holds every one of {@code texts}; returns the text. */
    String openUntil(String address, List<String> texts, Duration patience) {
        driver.get(address);
        return until(texts, patience);
    }

    /** Waits until the page's text holds every one of {@code texts}, then returns the text. */
    String until(List<String> texts, Duration patience) {
        try {
            new WebDriverWait(driver, patience, Duration.ofMillis(250))
                    .until(page -> texts.stream().allMatch(text()::contains));
        } catch (TimeoutException e) {
            String shown = text();
            throw new AssertionError("the page at " + driver.getCurrentUrl() + " never showed "
                    + texts.stream().filter(t -> !shown.contains(t)).toList() + " within " + patience
                    + "; it shows:\n" + shown);
        }
        return text();
    }

    /** Clicks the tab, link or button whose own text is {@code label}. */
    void click(String label) {
        driver.findElement(By.xpath("//*[normalize-space(text())='" + label + "']")).click();
    }

    /** Scrolls until the last element whose own text is {@code label} is at the top of the window. */
    void scrollTo(String label) {
        List<WebElement> found = driver.findElements(By.xpath("//*[normalize-space(text())='" + label + "']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", found.get(found.size() - 1));
    }

    /** The page's text, and that of its frames: the UI renders markdown (summary, details) in sandboxed frames. */
    String text() {
        StringBuilder text = new StringBuilder(driver.findElement(By.tagName("body")).getText());
        for (WebElement frame : driver.findElements(By.tagName("iframe"))) {
            try {
                driver.switchTo().frame(frame);
                text.append('\n').append(driver.findElement(By.tagName("body")).getText());
            } catch (WebDriverException goneMeanwhile) {
                // the UI replaced the frame while we read it: the next look reads the new one
            } finally {
                driver.switchTo().defaultContent();
            }
        }
        return text.toString();
    }

    /** Saves what the browser shows now as a PNG. */
    Path screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        LocalCluster.deleteTree(profile);
    }
}
