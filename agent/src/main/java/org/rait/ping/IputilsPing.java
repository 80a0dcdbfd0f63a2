package org.rait.ping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iputils' ping, entered into the target namespace with nsenter (a plain network-namespace switch: no private
 * mount namespace as `ip netns exec` would make).
 */
public final class IputilsPing implements Echo {
    private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern RTT = Pattern.compile("= [0-9.]+/([0-9.]+)/[0-9.]+/[0-9.]+ ms");
    private final int count;

    /** @param count echo requests per probe, 0.2 s apart, each waiting up to 1 s */
    public IputilsPing(int count) {
        this.count = count;
    }

    @Override
    public Reply ping(String namespace, Probe probe) {
        List<String> command = new ArrayList<>();
        if (!namespace.isEmpty()) command.addAll(List.of("nsenter", "--net=/run/netns/" + namespace));
        command.addAll(List.of("ping", probe.address().contains(":") ? "-6" : "-4", "-n", "-q", "-c", Integer.toString(count),
                "-i", "0.2", "-W", "1", probe.address()));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(count + 10L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Reply(probe, count, 0, OptionalDouble.empty(), "ping did not finish");
            }
            return parse(probe, out);
        } catch (IOException e) {
            return new Reply(probe, 0, 0, OptionalDouble.empty(), "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(probe, 0, 0, OptionalDouble.empty(), "interrupted");
        }
    }

    /** Reads ping's summary lines; anything else it printed (an error) becomes the detail. */
    static Reply parse(Probe probe, String output) {
        Matcher counts = COUNTS.matcher(output);
        if (!counts.find()) {
            return new Reply(probe, 0, 0, OptionalDouble.empty(), output.strip().replace('\n', ' '));
        }
        int sent = Integer.parseInt(counts.group(1));
        int received = Integer.parseInt(counts.group(2));
        Matcher rtt = RTT.matcher(output);
        OptionalDouble average = rtt.find() ? OptionalDouble.of(Double.parseDouble(rtt.group(1))) : OptionalDouble.empty();
        return new Reply(probe, sent, received, average, "");
    }
}
