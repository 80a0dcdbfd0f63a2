package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.location.LocationException;
import org.rait.peers.OwnEntry;
import org.rait.peers.Peer;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.registration.RegistrationFailed;
import org.rait.registration.RegistrationReceipt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** `rait register`. */
final class RegisterCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec registry = CommandOptions.value(String.class, "URL",
            "registry base URL, e.g. https://registry.example.net:8443 (default: agent.registry in rait.conf)", "--registry").build();
    private final OptionSpec token = CommandOptions.value(String.class, "TOKEN",
            "enrollment token: the node is approved at once (default: environment variable RAIT_ENROLLMENT_TOKEN)", "--token").build();
    private final OptionSpec pin = CommandOptions.value(String.class, "sha256/BASE64",
            "trust exactly this registry certificate key (as `rait-registry serve` prints it); overrides agent.tls_pin",
            "--tls-pin", "--pin").build();

    private RegisterCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Send this node's entry (what `rait pub` prints) to the registry, with a proof of its WireGuard key");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(registry).addOption(token).addOption(pin));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new RegisterCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws ConfigException, LocationException, RegistrationFailed {
        RaitConfig raitConfig = ConfigFiles.readRaitConfig(config.location());
        SecretFile.warnIfConfigOpen(config.location());
        String registry = this.registry.getValue();
        String url = registry != null ? registry : raitConfig.agent().registry();
        if (url.isEmpty()) {
            throw new UsageProblem("no registry: give --registry URL or set registry in the agent block of " + config.location());
        }
        Peer entry = OwnEntry.of(raitConfig);
        if (entry.name().isEmpty()) {
            throw new UsageProblem("the registry needs a node name: set name = \"...\" in " + config.location());
        }
        Optional<CertificatePin> certificatePin = AgentCommand.tlsPin(pin.getValue(), raitConfig);
        RegistrationClient client;
        try {
            client = new RegistrationClient(url, certificatePin, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage(), e);
        }
        Optional<String> enrollmentToken = Optional.ofNullable(token.<String>getValue()).or(() -> Optional.ofNullable(System.getenv("RAIT_ENROLLMENT_TOKEN")));
        RegistrationReceipt receipt = client.register(new NodeProver(raitConfig.privateKey()), entry, enrollmentToken);
        System.out.println((receipt.created() ? "registered " : "updated ") + entry.publicKey() + " as " + entry.name()
                + ": " + receipt.state() + (receipt.serial().isPresent() ? ", published in snapshot " + receipt.serial().getAsLong() : ""));
        return ExitStatus.OK;
    }
}
