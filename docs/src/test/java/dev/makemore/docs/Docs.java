package dev.makemore.docs;

import dev.makemore.core.testing.ReferenceFiles;
import dev.makemore.training.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the chapters, the scripts, the reference files and the data are. */
final class Docs {
    private Docs() {
    }

    /** The {@code docs} folder: the module's base directory (surefire passes it; else the working directory). */
    static Path dir() {
        String root = System.getProperty("docs.root");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("pom.xml")) || !Files.isDirectory(dir.resolve("jshell"))) {
            throw new IllegalStateException("not the docs module: " + dir);
        }
        return dir;
    }

    /** The project's root folder, holding every module. */
    static Path projectRoot() {
        return dir().getParent();
    }

    /** The English chapters, {@code docs/*.md}, in name order. */
    static List<Path> englishPages() {
        return markdown(dir());
    }

    /** The Chinese chapters, {@code docs/zh/*.md}, in name order. */
    static List<Path> chinesePages() {
        return markdown(dir().resolve("zh"));
    }

    /** Every page, English then Chinese. */
    static List<Path> allPages() {
        return Stream.concat(englishPages().stream(), chinesePages().stream()).toList();
    }

    /** The Chinese page of an English one (same file name under {@code zh/}). */
    static Path chineseOf(Path english) {
        return dir().resolve("zh").resolve(english.getFileName().toString());
    }

    private static List<Path> markdown(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type-along scripts, {@code docs/jshell/*.jsh}, in name order. */
    static List<Path> scripts() {
        try (Stream<Path> s = Files.list(dir().resolve("jshell"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsh")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file of the repository's {@code reference/} folder (such as {@code LECTURE_NUMBERS.md}), found as
     * every module's tests find it ({@link ReferenceFiles}): a missing one is a failure.
     */
    static Path reference(String name) {
        return ReferenceFiles.file(name);
    }

    /**
     * names.txt, found as every module's tests find it ({@link TestData}) and as the type-along scripts
     * and examples find it themselves ({@code DataSource.system()}: {@code MAKEMORE_DATA}, the cache, one
     * download). Fails, naming the three ways, when there is none.
     */
    static Path names() {
        return TestData.namesFile();
    }
}
