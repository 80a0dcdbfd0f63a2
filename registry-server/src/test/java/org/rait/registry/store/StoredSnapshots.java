package org.rait.registry.store;

import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every snapshot a database holds, read with plain SQL, for tests that check the serial rules across registries. */
public final class StoredSnapshots {
    /** One stored snapshot: its serial and the public keys (base64) it lists. */
    public record Listed(long serial, Set<String> keys) {
    }

    private StoredSnapshots() {
    }

    /** Oldest first. */
    public static List<Listed> read(Database database) throws SQLException, ConfigException {
        List<Listed> snapshots = new ArrayList<>();
        try (Connection connection = database.connect();
             Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT serial, block_body FROM snapshots ORDER BY serial")) {
            while (rs.next()) {
                Set<String> keys = ConfigFiles.parsePeers(new String(rs.getBytes(2), StandardCharsets.UTF_8), "peers.conf").peers()
                        .stream().map(p -> p.publicKey().base64()).collect(Collectors.toSet());
                snapshots.add(new Listed(rs.getLong(1), keys));
            }
        }
        return snapshots;
    }

    /**
     * Asserts the serial rule: each snapshot lists every key the one before it listed (for a run in which
     * nodes were only added), and serials strictly increase.
     */
    public static void assertNoneLostAChange(List<Listed> snapshots) {
        for (int i = 1; i < snapshots.size(); i++) {
            Listed before = snapshots.get(i - 1), after = snapshots.get(i);
            if (after.serial() <= before.serial()) throw new AssertionError("serial " + after.serial() + " after " + before.serial());
            if (!after.keys().containsAll(before.keys())) {
                throw new AssertionError("serial " + after.serial() + " lost a node serial " + before.serial()
                        + " listed (only registrations happened, so nothing may go)");
            }
        }
    }
}
