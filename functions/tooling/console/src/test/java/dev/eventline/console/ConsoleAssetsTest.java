package dev.eventline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {

    @Test
    void the_prefix_alone_is_the_page() {
        var page = ConsoleAssets.find("/console/").orElseThrow();

        assertThat(page.name()).isEqualTo("index.html");
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<title>Eventline event explorer</title>");
    }

    @Test
    void every_listed_file_is_in_the_jar_with_its_content_type() {
        for (String file : ConsoleAssets.FILES) {
            var asset = ConsoleAssets.find("/console/" + file).orElseThrow();
            assertThat(asset.body()).isNotEmpty();
            assertThat(asset.contentType()).doesNotStartWith("application/octet-stream");
        }
    }

    @Test
    void a_path_naming_no_listed_file_finds_nothing_however_it_is_spelled() {
        assertThat(ConsoleAssets.find("/console/../dev/eventline/console/ConsoleAssets.class"))
                .isEmpty();
        assertThat(ConsoleAssets.find("/console/%2e%2e/pom.xml")).isEmpty();
        assertThat(ConsoleAssets.find("/console/missing.js")).isEmpty();
        assertThat(ConsoleAssets.find("/other/index.html")).isEmpty();
    }

    @Test
    void the_page_loads_nothing_from_another_origin() {
        for (String file : ConsoleAssets.FILES) {
            String text = new String(
                    ConsoleAssets.find("/console/" + file).orElseThrow().body(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContainPattern("(src|href)=\"(https?:)?//");
            assertThat(text).doesNotContain("@import");
        }
    }

    @Test
    void the_configured_api_url_is_written_as_a_json_string() {
        assertThat(ConsoleAssets.config("https://api.example.com/"))
                .isEqualTo("{\"apiUrl\":\"https://api.example.com/\"}");
        assertThat(ConsoleAssets.config("a\"b\\c")).isEqualTo("{\"apiUrl\":\"a\\\"b\\\\c\"}");
    }

    @Test
    void a_websocket_url_is_written_beside_the_api_url() {
        assertThat(ConsoleAssets.config("", "ws://127.0.0.1:4000/ws"))
                .isEqualTo("{\"apiUrl\":\"\",\"wsUrl\":\"ws://127.0.0.1:4000/ws\"}");
        assertThat(ConsoleAssets.config("", "a\"b")).isEqualTo("{\"apiUrl\":\"\",\"wsUrl\":\"a\\\"b\"}");
    }
}
