package org.rait.registration;

import java.util.OptionalLong;

/**
 * The registry's answer to a registration.
 *
 * @param state   pending, approved, ... as the registry now keeps the node
 * @param created true for a new entry, false for an update of our own
 * @param serial  the snapshot serial the change published, when it changed the published set
 */
public record RegistrationReceipt(String state, boolean created, OptionalLong serial) {
}
