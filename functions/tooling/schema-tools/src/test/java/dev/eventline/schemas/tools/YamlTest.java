package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.eventline.schemas.EventJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class YamlTest {

    @Test
    void every_kind_of_value_round_trips_through_a_yaml_reader() throws IOException {
        ObjectNode tree = EventJson.parseObject("""
                {"plain": "application/json", "version": "3.0.0", "bool-like": "yes", "null-like": "null",
                 "colon": "a: b", "hash": "a #b", "quote": "say \\"hi\\"", "unicode": "café – ok", "newline": "a\\nb",
                 "$ref": "#/x", "int": 42, "big": 10000000000, "dec": 1.5, "t": true, "n": null,
                 "empty-object": {}, "empty-array": [], "list": ["a", 1, {"k": "v", "k2": [1, 2]}, {}],
                 "nested": {"deeper": {"x": "-leading dash"}}}
                """);

        JsonNode read = new YAMLMapper().readTree(Yaml.write(tree));

        assertThat(read).isEqualTo(tree);
    }

    @Test
    void output_is_block_style_with_two_space_indentation() {
        ObjectNode tree = EventJson.object();
        tree.putObject("a").put("b", "c");
        tree.putArray("l").add("x").addObject().put("k", "v").put("j", "w");

        assertThat(Yaml.write(tree)).isEqualTo("""
                a:
                  b: c
                l:
                  - x
                  - k: v
                    j: w
                """);
    }
}
