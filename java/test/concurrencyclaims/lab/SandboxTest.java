package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.MeasurementException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a student's Python process can and cannot do inside {@link Sandbox}: each test runs a small child through
 * {@code wrap} as a lab run does. Skipped where bubblewrap cannot be had (the run is then marked, see ScorecardTest).
 */
class SandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    private static Sandbox sandbox;
    private static String python;
    private static Path installation;

    @TempDir
    Path folder;

    @BeforeAll
    static void sandboxAndPython() throws MeasurementException {
        sandbox = Sandbox.probe(Sandbox.DEFAULT_MEMORY_MIB);
        Assumptions.assumeTrue(sandbox.isolated(), () -> "no sandbox here: " + sandbox.describe());
        // The real interpreter and its installation, not a pyenv shim (a script the sandbox need not see).
        JsonNode where = JSON.valueToTree(List.of());
        try {
            where = JSON.readTree(ChildProcess.of("python3", List.of("python3", "-c",
                    "import json, sys; print(json.dumps([sys.executable, sys.base_prefix]))"))
                    .timeout(Duration.ofSeconds(30)).run().stdout());
        } catch (IOException e) {
            throw new MeasurementException("python3 said no JSON: " + e.getMessage());
        }
        python = where.get(0).asText();
        installation = Path.of(where.get(1).asText());
    }

    /** Runs {@code code} in the sandbox, where it may read {@code readable}; its last stdout line as JSON. */
    private JsonNode run(String code, Collection<Path> readable) throws MeasurementException {
        List<Path> paths = new ArrayList<>(readable);
        paths.add(installation);
        List<String> command = sandbox.wrap(List.of(python, "-E", "-s", "-c", code), paths);
        String stdout = ChildProcess.of("sandboxed python", command).timeout(Duration.ofSeconds(60)).run().stdout();
        List<String> lines = stdout.strip().lines().toList();
        try {
            return JSON.readTree(lines.isEmpty() ? "null" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new MeasurementException("sandboxed python printed no JSON line: " + stdout);
        }
    }

    private static String quoted(Object path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void writesOnlyToItsOwnTmp() throws Exception {
        Path outside = Files.createDirectories(folder.resolve("writable-outside"));
        JsonNode answer = run("""
                import json, os
                def write(path):
                    try:
                        with open(path, 'w') as f:
                            f.write('x')
                        return 'written'
                    except OSError as e:
                        return type(e).__name__
                print(json.dumps({p: write(p) for p in ['/etc/sandbox-test', '/usr/sandbox-test', '/sandbox-test',
                                                         %s, '/tmp/ok', os.getcwd() + '/ok2']}))
                """.formatted(quoted(outside.resolve("x"))), List.of());
        assertEquals("written", answer.path("/tmp/ok").asText(), answer.toString());
        assertEquals("written", answer.path("/tmp/ok2").asText(), "its working directory is its /tmp: " + answer);
        for (String path : List.of("/etc/sandbox-test", "/usr/sandbox-test", "/sandbox-test", outside.resolve("x")
                .toString())) {
            assertFalse(answer.path(path).asText().equals("written"), path + ": " + answer);
        }
        assertFalse(Files.exists(outside.resolve("x")));
    }

    @Test
    void eachChildStartsWithAnEmptyTmp() throws Exception {
        String code = """
                import json, os
                before = sorted(os.listdir('/tmp'))
                open('/tmp/left-behind', 'w').write('x')
                print(json.dumps(before))
                """;
        assertEquals("[]", run(code, List.of()).toString());
        assertEquals("[]", run(code, List.of()).toString(), "a file the first child wrote is not in the second's /tmp");
    }

    @Test
    void seesNeitherTheProjectNorHomeUnlessReadable() throws Exception {
        Path solution = ROOT.resolve("suites/labs/gil/solution");
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        assertTrue(Files.isDirectory(solution), solution + " should exist outside the sandbox");
        JsonNode answer = run("""
                import json, os
                print(json.dumps([os.path.exists(p) for p in [%s, %s, %s, %s, %s]]))
                """.formatted(quoted(solution), quoted(ROOT.resolve(".git")), quoted(ROOT), quoted(m2),
                quoted(folder)), List.of());
        assertEquals("[false,false,false,false,false]", answer.toString());
    }

    @Test
    void readsAReadablePathButCannotWriteIt() throws Exception {
        Path given = Files.createDirectories(folder.resolve("submission"));
        Files.writeString(given.resolve("threads.py"), "print('hello')\n");
        JsonNode answer = run("""
                import json, os
                folder = %s
                text = open(folder + '/threads.py').read()
                def attempt(action):
                    try:
                        action()
                        return 'done'
                    except OSError as e:
                        return type(e).__name__
                print(json.dumps({'text': text,
                                  'overwrite': attempt(lambda: open(folder + '/threads.py', 'w').write('x')),
                                  'create': attempt(lambda: open(folder + '/new.py', 'w').write('x')),
                                  'remove': attempt(lambda: os.remove(folder + '/threads.py'))}))
                """.formatted(quoted(given)), List.of(given));
        assertEquals("print('hello')\n", answer.path("text").asText());
        for (String action : List.of("overwrite", "create", "remove")) {
            assertFalse(answer.path(action).asText().equals("done"), action + ": " + answer);
        }
        assertEquals("print('hello')\n", Files.readString(given.resolve("threads.py")));
        assertFalse(Files.exists(given.resolve("new.py")));
    }

    @Test
    void aDetachedProcessDiesWithTheSandbox() throws Exception {
        String marker = "sandbox-test-" + UUID.randomUUID();
        JsonNode answer = run("""
                import json, os, sys, time
                marker = %s
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(120)', marker])
                    os._exit(0)
                os.wait()
                def running():
                    for pid in filter(str.isdigit, os.listdir('/proc')):
                        try:
                            if marker.encode() in open('/proc/%%s/cmdline' %% pid, 'rb').read():
                                return True
                        except OSError:
                            pass
                    return False
                deadline = time.time() + 10
                while not running() and time.time() < deadline:
                    time.sleep(0.05)
                print(json.dumps({'detached': running()}))
                """.formatted(quoted(marker)), List.of());
        assertTrue(answer.path("detached").asBoolean(), "the grandchild should have been running: " + answer);
        // From outside, after the child ended: no process of the host carries the marker.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Long> left;
        do {
            left = withMarker(marker);
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertEquals(List.of(), left, "a setsid'ed, double-forked process outlived the sandbox");
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }

    private static List<Long> withMarker(String marker) throws IOException {
        List<Long> found = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker) && !cmdline.contains("import json")) {  // not the child's own
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // Ended while we looked.
                }
            }
        }
        return found;
    }

    @Test
    void hasNoNetworkButItsOwnLoopback() throws Exception {
        try (ServerSocket host = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            JsonNode answer = run("""
                    import json, socket
                    def connect(address):
                        s = socket.socket()
                        s.settimeout(3)
                        try:
                            return s.connect_ex(address)
                        except OSError as e:
                            return e.errno or -1
                        finally:
                            s.close()
                    own = socket.socket()
                    own.bind(('127.0.0.1', 0))
                    own.listen()
                    print(json.dumps({'host': connect(('127.0.0.1', %d)), 'outside': connect(('192.0.2.1', 80)),
                                      'own': connect(own.getsockname())}))
                    """.formatted(host.getLocalPort()), List.of());
            assertEquals(0, answer.path("own").asInt(-1), "its own loopback works: " + answer);
            assertTrue(answer.path("host").asInt() != 0, "the host's 127.0.0.1 server is not reachable: " + answer);
            assertTrue(answer.path("outside").asInt() != 0, "no route out: " + answer);
        }
    }

    @Test
    void multiprocessingWithForkAndAPoolWorks() throws Exception {
        JsonNode answer = run("""
                import json, multiprocessing as mp
                def square(x):
                    return x * x
                if __name__ == '__main__':
                    context = mp.get_context('fork')
                    lock = context.Lock()          # a POSIX semaphore in /dev/shm
                    with lock, context.Pool(2) as pool:
                        print(json.dumps(pool.map(square, range(5))))
                """, List.of());
        assertEquals("[0,1,4,9,16]", answer.toString());
    }

    @Test
    void saysWhatIsolatesTheChild() {
        assertEquals(true, sandbox.describe().get("isolated"));
        assertTrue(sandbox.describe().get("sandbox").toString().startsWith("bubblewrap"), sandbox.describe()::toString);
        List<String> wrapped = sandbox.wrap(List.of("python3", "x.py"), List.of());
        assertEquals(List.of("--", "python3", "x.py"), wrapped.subList(wrapped.size() - 3, wrapped.size()));
    }
}
