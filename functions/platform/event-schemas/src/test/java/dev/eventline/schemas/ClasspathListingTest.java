package dev.eventline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathListingTest {

    @Test
    void lists_a_folder_of_the_classpath_in_a_directory() {
        assertThat(ClasspathListing.filesUnder(getClass().getClassLoader(), "schemas/ordering/"))
                .contains("OrderPlaced/v1.schema.json", "OrderPlaced/v2.schema.json", "ItemRemoved/v1.schema.json");
    }

    @Test
    void lists_a_folder_of_the_classpath_in_a_jar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("schemas.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] {"schemas/", "schemas/shop/", "schemas/shop/Thing/"}) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            put(out, "schemas/shop/Thing/v1.schema.json");
            put(out, "schemas/shop/Thing/v2.schema.json");
            put(out, "schemas/other/Else/v1.schema.json");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ClasspathListing.filesUnder(loader, "schemas/shop/"))
                    .containsExactlyInAnyOrder("Thing/v1.schema.json", "Thing/v2.schema.json");
        }
    }

    @Test
    void an_absent_folder_lists_nothing() {
        assertThat(ClasspathListing.filesUnder(getClass().getClassLoader(), "schemas/nowhere/"))
                .isEmpty();
    }

    private static void put(JarOutputStream out, String name) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream body = out;
        body.write("{}".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
