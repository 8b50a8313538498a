/*
 * Why this exists: the Neo4j server distribution is not on Maven Central, which
 * is the only Java source RevPulse machines can reach. This main class runs
 * Neo4j Community embedded, with its Bolt connector on, so that the Rust crate
 * revpulse-local-neo4j (and through it every test that needs a graph) gets a
 * real Bolt endpoint on loopback.
 *
 * Protocol with the parent process:
 *   stdout: exactly one line, either
 *             REVPULSE_NEO4J_READY bolt://<bolt-address>:<port>
 *           or
 *             REVPULSE_NEO4J_FAILED <message>      (then exit 1)
 *           Anything else Java or Neo4j would print to System.out goes to stderr.
 *   stdin:  EOF or a line "stop" shuts the database down cleanly, exit 0.
 *           (So if the parent dies, its pipe closes and this JVM goes away too.)
 *   SIGTERM: a shutdown hook shuts the database down cleanly.
 *
 * Usage: Launcher --data-dir DIR [--bolt-address 127.0.0.1] [--bolt-port N]
 *                 [--pagecache-mb N]
 * --bolt-port 0 (the default) binds a free ephemeral port; the bound port is
 * read back from Neo4j's ConnectorPortRegister and reported in the READY line.
 */
package dev.revpulse.neo4j;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/** Runs embedded Neo4j with Bolt on until stdin closes; see the file comment. */
public final class Launcher {
    private static final String READY = "REVPULSE_NEO4J_READY";
    private static final String FAILED = "REVPULSE_NEO4J_FAILED";

    /** How long a requested shutdown may take before the JVM is halted. */
    private static final Duration SHUTDOWN_WATCHDOG = Duration.ofSeconds(60);

    /** Guards {@link #service} and {@link #shutDown}; held while starting up. */
    private static final Object LOCK = new Object();

    private static DatabaseManagementService service;
    private static boolean shutDown;

    /** Opened once READY is printed; a stop request waits for it. */
    private static final CountDownLatch READY_ANNOUNCED = new CountDownLatch(1);

    /** The real stdout; System.out is pointed at stderr to keep it clean. */
    private static PrintStream protocolOut;

    private Launcher() {}

    /** Parsed command line. */
    private record Args(Path dataDir, String boltAddress, int boltPort, long pagecacheMb) {
        static Args parse(String[] argv) {
            Path dataDir = null;
            String boltAddress = "127.0.0.1";
            int boltPort = 0;
            long pagecacheMb = 256;
            for (int i = 0; i < argv.length; i++) {
                String flag = argv[i];
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = argv[++i];
                switch (flag) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--bolt-address" -> boltAddress = value;
                    case "--bolt-port" -> boltPort = parseInt(flag, value, 0, 65535);
                    case "--pagecache-mb" -> pagecacheMb = parseInt(flag, value, 8, Integer.MAX_VALUE);
                    default -> throw new IllegalArgumentException("unknown argument " + flag);
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            // Auth is disabled: never listen beyond loopback.
            try {
                if (!InetAddress.getByName(boltAddress).isLoopbackAddress()) {
                    throw new IllegalArgumentException(
                            "--bolt-address must be a loopback address (auth is disabled), got " + boltAddress);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bolt-address " + boltAddress + " does not resolve", e);
            }
            return new Args(dataDir.toAbsolutePath(), boltAddress, boltPort, pagecacheMb);
        }

        private static int parseInt(String flag, String value, int min, int max) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " expects a number, got '" + value + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + n);
            }
            return n;
        }
    }

    public static void main(String[] argv) {
        protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdownOnce, "revpulse-neo4j-shutdown-hook"));

        // Watch stdin from the start, so a parent that goes away during startup
        // still takes this JVM with it (once READY is out; a failure exits 1 anyway).
        Thread stdinWatcher = new Thread(Launcher::watchStdin, "revpulse-neo4j-stdin");
        stdinWatcher.setDaemon(false);
        stdinWatcher.start();

        String uri;
        try {
            Args args = Args.parse(argv);
            int port = start(args);
            String host = args.boltAddress().contains(":") ? "[" + args.boltAddress() + "]" : args.boltAddress();
            uri = "bolt://" + host + ":" + port;
        } catch (Throwable e) {
            e.printStackTrace(System.err);
            protocolOut.println(FAILED + " " + describe(e));
            protocolOut.flush();
            try {
                shutdownOnce();
            } catch (Throwable ignored) {
                // Already failing; the message above is what matters.
            }
            Runtime.getRuntime().halt(1);
            return;
        }
        protocolOut.println(READY + " " + uri);
        protocolOut.flush();
        READY_ANNOUNCED.countDown();
        // main returns; the non-daemon stdin watcher keeps the JVM alive.
    }

    /** Starts the DBMS and returns the bound Bolt port. */
    private static int start(Args args) throws Exception {
        synchronized (LOCK) {
            if (shutDown) {
                throw new IllegalStateException("stop requested before startup");
            }
            Files.createDirectories(args.dataDir());
            Path logs = args.dataDir().resolve("logs");
            DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(args.dataDir())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(args.boltAddress(), args.boltPort()))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.logs_directory, logs)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, args.pagecacheMb() * 1024L * 1024L)
                    // 0 = no global/per-database cap on transaction memory; the
                    // JVM heap is the limit.
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 0L)
                    .setConfig(GraphDatabaseSettings.memory_transaction_database_max_size, 0L)
                    // Small, disposable stores: don't preallocate 256 MiB tx logs.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 64L * 1024L * 1024L)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt's Netty event loops otherwise wait a 5 s quiet period
                    // on every shutdown, which adds up across test runs.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                    .build();
            service = dbms;

            GraphDatabaseAPI system =
                    (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            HostnamePort bound = system.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            if (bound == null || bound.getPort() <= 0) {
                throw new IllegalStateException("Bolt connector did not report a bound port");
            }
            return bound.getPort();
        }
    }

    /** Reads stdin until EOF or "stop", then shuts down and exits. */
    private static void watchStdin() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("stop")) {
                    break;
                }
            }
        } catch (Throwable e) {
            System.err.println("revpulse-neo4j: stdin read failed, shutting down: " + e);
        }
        // Let startup finish and announce itself first: the parent always gets
        // READY or FAILED. On failure main halts the JVM while we wait here.
        try {
            READY_ANNOUNCED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startWatchdog();
        int code = 0;
        try {
            shutdownOnce();
        } catch (Throwable e) {
            e.printStackTrace(System.err);
            code = 1;
        }
        System.exit(code);
    }

    /** Halts the JVM if a requested shutdown hangs. */
    private static void startWatchdog() {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(SHUTDOWN_WATCHDOG.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("revpulse-neo4j: shutdown took longer than " + SHUTDOWN_WATCHDOG + ", halting");
                    Runtime.getRuntime().halt(2);
                },
                "revpulse-neo4j-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Shuts the DBMS down at most once; safe from any thread. */
    private static void shutdownOnce() {
        synchronized (LOCK) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            if (service != null) {
                System.err.println("revpulse-neo4j: shutting down");
                service.shutdown();
                System.err.println("revpulse-neo4j: shut down");
            }
        }
    }

    /** One line: the distinct messages along the cause chain. */
    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause()) {
            String msg = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
            if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(msg)) {
                parts.add(msg);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(" <- ", parts).replaceAll("\\s+", " ");
    }
}
