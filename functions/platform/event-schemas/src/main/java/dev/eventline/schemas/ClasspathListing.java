package dev.eventline.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the files under a classpath folder. The class path has no listing API, so this reads the place
 * the folder lives in: a directory (tests, and a Lambda, which unpacks its jar into /var/task) or a jar
 * (another module's tests, {@code java -cp}). The folder is looked up next to this class when the class
 * loader does not answer for directories, which happens with jars that have no directory entries.
 */
final class ClasspathListing {

    private ClasspathListing() {}

    /** File paths relative to {@code folder} (which ends with '/'), in no particular order. */
    static List<String> filesUnder(ClassLoader loader, String folder) {
        try {
            URL url = loader.getResource(folder);
            if (url != null && "file".equals(url.getProtocol())) {
                return walk(Path.of(url.toURI()));
            }
            if (url != null && "jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                return jarEntries(Path.of(connection.getJarFileURL().toURI()), folder);
            }
            return besideThisClass(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath folder " + folder, e);
        }
    }

    private static List<String> besideThisClass(String folder) throws IOException, URISyntaxException {
        CodeSource source = ClasspathListing.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return List.of();
        }
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isDirectory(location)) {
            return walk(location.resolve(folder));
        }
        return Files.isRegularFile(location) ? jarEntries(location, folder) : List.of();
    }

    private static List<String> walk(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static List<String> jarEntries(Path jar, String folder) throws IOException {
        // Our own JarFile, not the connection's cached one: closing a shared cached JarFile breaks class loading.
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(folder)) {
                    names.add(entry.getName().substring(folder.length()));
                }
            }
        }
        return names;
    }
}
