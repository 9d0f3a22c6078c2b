package dev.makemore.training.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Finds names.txt, in this order: an explicit path ({@code --data}), the {@code MAKEMORE_DATA}
 * environment variable, a copy cached in the user's cache folder, and last a download from the
 * makemore repository, checked against its SHA-256 and written to the cache atomically (a temporary
 * file, then a rename) so an interrupted download never leaves a partial file behind.
 *
 * <p>The data set is not shipped with this project; it is Andrej Karpathy's, MIT-licensed.
 */
public final class DataSource {
    /** Where the data set is published. */
    public static final URI URL = URI.create("https://raw.githubusercontent.com/karpathy/makemore/master/names.txt");
    /** SHA-256 of the published names.txt. */
    public static final String SHA256 = "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d";
    /** The environment variable that names the data file. */
    public static final String ENV = "MAKEMORE_DATA";

    /** Fetches the bytes at a URI; the network in production, a stub in tests. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(URI uri) throws IOException;
    }

    private final Map<String, String> env;
    private final Path cacheDir;
    private final Fetcher fetcher;

    /** A source reading {@code env} for {@link #ENV}, caching under {@code cacheDir}, fetching with {@code fetcher}. */
    public DataSource(Map<String, String> env, Path cacheDir, Fetcher fetcher) {
        this.env = env;
        this.cacheDir = cacheDir;
        this.fetcher = fetcher;
    }

    /** The source for this process: its environment, the user's cache folder, the network. */
    public static DataSource system() {
        return new DataSource(System.getenv(), defaultCacheDir(System.getenv(), System.getProperty("os.name", "")),
                DataSource::httpGet);
    }

    /** The names file to use; {@code explicit} (from {@code --data}) wins when given. */
    public Path locate(Path explicit) throws DataException {
        if (explicit != null) {
            return requireReadable(explicit, "--data");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireReadable(Path.of(fromEnv), ENV);
        }
        Path cached = cacheDir.resolve("names.txt");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(cached);
    }

    private static Path requireReadable(Path file, String from) throws DataException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new DataException("cannot read names file " + file + " (given by " + from + ")");
        }
        return file;
    }

    private Path download(Path cached) throws DataException {
        byte[] bytes;
        try {
            bytes = fetcher.fetch(URL);
        } catch (IOException e) {
            throw new DataException("names.txt not found and could not be downloaded (" + describe(e) + "). "
                    + "Provide it in one of three ways: pass --data PATH, set " + ENV + "=PATH, or place it at "
                    + cached + " (it is " + URL + ")", e);
        }
        String actual = sha256(bytes);
        if (!SHA256.equals(actual)) {
            throw new DataException("downloaded names.txt has SHA-256 " + actual + ", expected " + SHA256
                    + "; not using it. Pass --data PATH or set " + ENV + "=PATH to a trusted copy");
        }
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "names", ".txt.part");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataException("could not write the downloaded names.txt to " + cached + ": " + describe(e), e);
        }
        return cached;
    }

    /** An exception's message, or its type when it has none (a bare {@code ConnectException} has none). */
    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The per-user cache folder for makemore: {@code $XDG_CACHE_HOME/makemore}, else
     * {@code ~/Library/Caches/makemore} on macOS, {@code %LOCALAPPDATA%\makemore} on Windows, and
     * {@code ~/.cache/makemore} elsewhere.
     */
    public static Path defaultCacheDir(Map<String, String> env, String osName) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "makemore");
        }
        String home = System.getProperty("user.home");
        String os = osName.toLowerCase();
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "makemore");
        }
        if (os.contains("win") && env.get("LOCALAPPDATA") != null) {
            return Path.of(env.get("LOCALAPPDATA"), "makemore");
        }
        return Path.of(home, ".cache", "makemore");
    }

    private static byte[] httpGet(URI uri) throws IOException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            var response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }
}
