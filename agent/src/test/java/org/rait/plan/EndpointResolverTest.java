package org.rait.plan;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointResolverTest {
    private static InetAddress[] answers(String name) throws UnknownHostException {
        return switch (name) {
            case "example.com" -> new InetAddress[] {InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1")};
            case "example.net" -> new InetAddress[] {InetAddress.getByName("2001:db8::2")};
            case "1.1.1.1" -> new InetAddress[] {InetAddress.getByName("1.1.1.1")};
            default -> throw new UnknownHostException(name);
        };
    }

    @Test
    void eachNameIsResolvedInTheFamilyOfTheTransportThatUsesIt() throws Exception {
        ResolvedAddresses r = new EndpointResolver(EndpointResolverTest::answers, Duration.ofSeconds(2))
                .resolve(SeedModels.CONFIG, SeedModels.PEERS);

        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), r.lookup("example.com", AddressFamily.IP6));
        assertEquals(Optional.empty(), r.lookup("example.com", AddressFamily.IP4));
        assertEquals(Optional.of(InetAddress.getByName("1.1.1.1")), r.lookup("1.1.1.1", AddressFamily.IP4));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void aLiteralIsReadOnceWhileItStaysInTheListButANameIsAskedAtEveryPass() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        EndpointResolver resolver = new EndpointResolver(name -> {
            asked.add(name);
            return InetAddress.getAllByName(name.equals("dyn.example") ? "192.0.2.7" : name);
        }, Duration.ofSeconds(2));
        var literal = new ResolvedAddresses.Query("192.0.2.1", AddressFamily.IP4);
        var other = new ResolvedAddresses.Query("2001:db8::5", AddressFamily.IP6);
        var name = new ResolvedAddresses.Query("dyn.example", AddressFamily.IP4);

        resolver.resolve(java.util.Set.of(literal, name));
        ResolvedAddresses again = resolver.resolve(java.util.Set.of(literal, name, other));
        resolver.resolve(java.util.Set.of(other));
        resolver.resolve(java.util.Set.of(literal));

        assertEquals(Optional.of(InetAddress.getByName("192.0.2.1")), again.lookup("192.0.2.1", AddressFamily.IP4));
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.7")), again.lookup("dyn.example", AddressFamily.IP4));
        assertEquals(java.util.Map.of("192.0.2.1", 2L, "dyn.example", 2L, "2001:db8::5", 1L),
                asked.stream().collect(java.util.stream.Collectors.groupingBy(a -> a, java.util.stream.Collectors.counting())),
                "a name at every call; a literal kept from one call to the next only (dropped, then back: read again)");
    }

    @Test
    void aNameWithoutAnAddressInTheFamilyIsAWarningNotAFailure() {
        EndpointResolver resolver = new EndpointResolver(name -> new InetAddress[] {InetAddress.getByName("192.0.2.1")},
                Duration.ofSeconds(2));

        ResolvedAddresses r = resolver.resolve(java.util.Set.of(new ResolvedAddresses.Query("v4only.example", AddressFamily.IP6)));

        assertEquals(Optional.empty(), r.lookup("v4only.example", AddressFamily.IP6));
        assertTrue(r.warnings().get(0).text().contains("address=v4only.example"), r.warnings().toString());
    }

    @Test
    void aResolverThatHangsIsCutOffAtTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        EndpointResolver resolver = new EndpointResolver(name -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(name);
        }, Duration.ofMillis(200));

        ResolvedAddresses r = resolver.resolve(java.util.Set.of(new ResolvedAddresses.Query("slow.example", AddressFamily.IP4)));

        assertTrue(r.addresses().isEmpty());
        assertTrue(r.warnings().get(0).text().contains("no answer within 200 ms"), r.warnings().toString());
    }

    @Test
    void addressLiteralsNeedNoTimeForTheResolver() throws Exception {
        EndpointResolver resolver = new EndpointResolver(InetAddress::getAllByName, Duration.ZERO);

        ResolvedAddresses r = resolver.resolve(java.util.Set.of(new ResolvedAddresses.Query("192.0.2.7", AddressFamily.IP4),
                new ResolvedAddresses.Query("2001:db8::7", AddressFamily.IP6)));

        assertEquals(Optional.of(InetAddress.getByName("192.0.2.7")), r.lookup("192.0.2.7", AddressFamily.IP4));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::7")), r.lookup("2001:db8::7", AddressFamily.IP6));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void onlyDottedQuadsAndIp6AddressesCountAsLiterals() {
        for (String literal : new String[] {"192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1"}) {
            assertTrue(EndpointResolver.isLiteral(literal), literal);
        }
        for (String name : new String[] {"example.com", "10.1", "256.1.1.1", "1.2.3.4.5", "1..2.3", "1.2.3.a", "1234.1.1.1"}) {
            assertFalse(EndpointResolver.isLiteral(name), name);
        }
    }
}
