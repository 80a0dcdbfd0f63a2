package org.rait.registry.snapshot;

import org.rait.log.EventLog;
import org.rait.registry.store.SigningKeyTable.KnownKey;
import org.rait.registry.store.StoredSnapshot;
import org.rait.registry.store.Transaction;
import org.rait.snapshot.KeyId;
import org.rait.snapshot.MinisignSignature;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One signing key per database. Registries that share a database must sign with the same minisign key
 * (the same minisign.key installed on every host): agents pin it, and a snapshot signed by a stray key
 * would be refused by every node. The database records the keys in the order they were taken into use;
 * only the newest signs. Installing a new key file and restarting one registry is a rotation (the other
 * registries then refuse to publish until they get the new key too); a key that was replaced never signs
 * again, and a key this registry generated on its first start is never taken over a database whose
 * snapshots another key signed (a host that was not given the key file).
 */
public final class SigningKeys {
    private static final String PROVISIONING = "install the same minisign.key (and registration.key) in the data directory "
            + "of every registry that shares this database (deploy/docs/registry.md#several-registries-on-one-database)";

    private SigningKeys() {
    }

    /**
     * At start: takes this registry's key into use, or refuses.
     *
     * @param generatedNow the key file did not exist and was made at this start
     * @throws SigningKeyConflict when the key was replaced by a newer one, or was generated here while
     *                            the database's snapshots are signed by another key
     */
    public static void admit(Transaction tx, KeyId ours, boolean generatedNow, Instant now) throws SQLException {
        List<KnownKey> known = tx.signingKeys().list();
        Optional<String> current = known.isEmpty()
                ? tx.snapshots().latest().map(SigningKeys::signer)
                : Optional.of(known.get(known.size() - 1).keyId());
        if (current.isEmpty() || current.get().equals(ours.hex())) {
            if (known.isEmpty()) takeIntoUse(tx, ours.hex(), now);
            return;
        }
        Optional<KnownKey> mine = known.stream().filter(k -> k.keyId().equals(ours.hex())).findFirst();
        if (mine.isPresent()) {
            throw new SigningKeyConflict("this registry's signing key " + ours.hex() + " was replaced in this database by key "
                    + current.get() + " (taken into use " + since(known) + "); a replaced key never signs again: " + PROVISIONING);
        }
        if (generatedNow) {
            throw new SigningKeyConflict("this registry generated a new signing key " + ours.hex()
                    + " because its data directory had no minisign.key, but the snapshots in this database are signed by key "
                    + current.get() + ": " + PROVISIONING);
        }
        if (known.isEmpty()) takeIntoUse(tx, current.get(), now);
        takeIntoUse(tx, ours.hex(), now);
        EventLog.stderr().warn("signing_key_rotated", "from", current.get(), "to", ours.hex(),
                "note", "registries on this database with the old key stop publishing until they get the new one");
    }

    /**
     * Before storing a snapshot: this registry's key must still be the newest in the database.
     *
     * @throws SigningKeyConflict when another registry took a newer key into use since this one started
     */
    public static void requireCurrent(Transaction tx, KeyId ours, long serial, Instant now) throws SQLException {
        List<KnownKey> known = tx.signingKeys().list();
        if (known.isEmpty()) {
            takeIntoUse(tx, ours.hex(), now);
            return;
        }
        KnownKey newest = known.get(known.size() - 1);
        if (!newest.keyId().equals(ours.hex())) {
            throw new SigningKeyConflict("refusing to publish serial " + serial + ": this registry signs with key " + ours.hex()
                    + ", but another registry on this database took key " + newest.keyId() + " into use at "
                    + newest.firstUsedAt() + "; the snapshots stay served, curation changes are stored but not published here: "
                    + PROVISIONING + ", then restart this registry");
        }
    }

    private static void takeIntoUse(Transaction tx, String keyId, Instant now) throws SQLException {
        if (!tx.signingKeys().add(keyId, now)) {
            throw new SigningKeyConflict("another registry took a signing key into use at the same moment as key " + keyId
                    + " on this database; " + PROVISIONING);
        }
    }

    private static String since(List<KnownKey> known) {
        return known.get(known.size() - 1).firstUsedAt().toString();
    }

    private static String signer(StoredSnapshot snapshot) {
        return MinisignSignature.parse(snapshot.blockSignature()).keyId().hex();
    }
}
