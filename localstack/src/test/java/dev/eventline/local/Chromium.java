package dev.eventline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} and
 * {@code chromium-driver}, installed with apt-get when they are missing and the build runs as root
 * (as {@code make test-future} installs faketime). Where neither is possible the test is skipped
 * with the reason, never failed for the machine's sake. The driver is the package's: Selenium
 * Manager, which would download one, is never asked.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private Chromium() {}

    /** Installs the packages if it can; otherwise aborts the calling test class with the reason. */
    static void require() {
        if (installed()) {
            return;
        }
        Optional<String> reason = install();
        Assumptions.assumeTrue(
                reason.isEmpty() && installed(),
                () -> "headless Chromium is not available: " + reason.orElse("apt-get did not install it")
                        + " (apt-get install chromium chromium-driver)");
    }

    static ChromeDriver start() {
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: Chromium refuses to start its sandbox as root, which is how the build runs in CI containers
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1100",
                "--force-device-scale-factor=1",
                "--lang=en");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** @return empty when apt-get ran and succeeded, otherwise why it could not */
    private static Optional<String> install() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("not installed, and the build does not run as root to install it");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return Optional.of("not installed, and there is no apt-get to install it");
        }
        try {
            for (List<String> command : List.of(
                    List.of("apt-get", "update", "-qq"),
                    List.of(
                            "apt-get",
                            "install",
                            "-y",
                            "-qq",
                            "--no-install-recommends",
                            "chromium",
                            "chromium-driver"))) {
                var builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = builder.start();
                if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.of(String.join(" ", command) + " took longer than " + INSTALL_TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    return Optional.of(String.join(" ", command) + " failed with exit code " + process.exitValue());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("apt-get could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while installing");
        }
    }
}
