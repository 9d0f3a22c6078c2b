package dev.makemore.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
    @TempDir
    Path dir;

    private static DataSource.Fetcher failing() {
        return uri -> {
            throw new IOException("network unreachable");
        };
    }

    @Test
    void explicitPathWinsOverEverything() throws Exception {
        Path given = Files.writeString(dir.resolve("given.txt"), "a\n");
        Path env = Files.writeString(dir.resolve("env.txt"), "b\n");
        var source = new DataSource(Map.of(DataSource.ENV, env.toString()), dir.resolve("cache"), failing());
        assertThat(source.locate(given)).isEqualTo(given);
        assertThat(source.locate(null)).isEqualTo(env);
    }

    @Test
    void unreadablePathsAreNamedWithWhereTheyCameFrom() {
        var source = new DataSource(Map.of(DataSource.ENV, dir.resolve("nope.txt").toString()), dir, failing());
        assertThatThrownBy(() -> source.locate(dir.resolve("missing.txt")))
                .hasMessage("cannot read names file " + dir.resolve("missing.txt") + " (given by --data)");
        assertThatThrownBy(() -> source.locate(null))
                .hasMessage("cannot read names file " + dir.resolve("nope.txt") + " (given by MAKEMORE_DATA)");
    }

    @Test
    void cachedCopyIsUsedWithoutFetching() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = Files.writeString(cache.resolve("names.txt"), "a\n");
        var source = new DataSource(Map.of(), cache, failing());
        assertThat(source.locate(null)).isEqualTo(cached);
    }

    @Test
    void downloadIsCheckedAndWrittenAtomicallyIntoTheCache() throws Exception {
        byte[] real = Files.readAllBytes(dev.makemore.training.testing.TestData.namesFile());
        var calls = new AtomicInteger();
        Path cache = dir.resolve("cache");
        var source = new DataSource(Map.of(), cache, uri -> {
            calls.incrementAndGet();
            assertThat(uri).isEqualTo(DataSource.URL);
            return real;
        });
        Path got = source.locate(null);
        assertThat(got).isEqualTo(cache.resolve("names.txt"));
        assertThat(Files.readAllBytes(got)).isEqualTo(real);
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactly(got);
        }
        source.locate(null);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDownloadWithTheWrongChecksumIsRefusedAndNothingIsWritten() {
        Path cache = dir.resolve("cache");
        byte[] tampered = "mallory\n".getBytes(StandardCharsets.UTF_8);
        var source = new DataSource(Map.of(), cache, uri -> tampered);
        assertThatThrownBy(() -> source.locate(null))
                .hasMessageStartingWith("downloaded names.txt has SHA-256 " + DataSource.sha256(tampered)
                        + ", expected " + DataSource.SHA256);
        assertThat(Files.exists(cache.resolve("names.txt"))).isFalse();
    }

    @Test
    void withNoFileAndNoNetworkOneMessageSaysTheThreeWays() {
        var source = new DataSource(Map.of(), dir.resolve("cache"), failing());
        assertThatThrownBy(() -> source.locate(null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("network unreachable")
                .hasMessageContaining("--data PATH")
                .hasMessageContaining("MAKEMORE_DATA=PATH")
                .hasMessageContaining(dir.resolve("cache").resolve("names.txt").toString());
    }

    @Test
    void cacheFolderFollowsThePlatformConventions() {
        assertThat(DataSource.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/x"), "Linux")).isEqualTo(Path.of("/x/makemore"));
        String home = System.getProperty("user.home");
        assertThat(DataSource.defaultCacheDir(Map.of(), "Linux")).isEqualTo(Path.of(home, ".cache", "makemore"));
        assertThat(DataSource.defaultCacheDir(Map.of(), "Mac OS X"))
                .isEqualTo(Path.of(home, "Library", "Caches", "makemore"));
        assertThat(DataSource.defaultCacheDir(Map.of("LOCALAPPDATA", "C:/L"), "Windows 11"))
                .isEqualTo(Path.of("C:/L", "makemore"));
    }

    @Test
    void sha256OfKnownInput() {
        assertThat(DataSource.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
