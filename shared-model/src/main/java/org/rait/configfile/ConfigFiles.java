package org.rait.configfile;

import org.rait.config.RaitConfig;
import org.rait.config.Remarks;
import org.rait.location.Location;
import org.rait.location.LocationException;
import org.rait.peers.PeerList;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Reading and writing rait.conf and peers.conf in either syntax. Parsing detects the syntax, builds a
 * positioned tree and binds it to the model; every failure is a {@link ConfigException} listing all
 * problems found, and nothing else is ever thrown for bad input.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    public static RaitConfig parseRaitConfig(String text, String source) throws ConfigException {
        return RaitConfigBinder.bind(tree(text, source), source);
    }

    public static RaitConfig parseRaitConfig(byte[] bytes, String source) throws ConfigException {
        return parseRaitConfig(decode(bytes, source), source);
    }

    public static PeerList parsePeers(String text, String source) throws ConfigException {
        return PeerListBinder.bind(tree(text, source), source);
    }

    public static PeerList parsePeers(byte[] bytes, String source) throws ConfigException {
        // The plain shape the registry renders is read in one pass; anything else (and every problem) the general way.
        PeerList plain = PlainPeerList.read(bytes);
        return plain != null ? plain : parsePeers(decode(bytes, source), source);
    }

    /** Reads rait.conf from a path, "-" or an http(s) URL; problems name the location as the file. */
    public static RaitConfig readRaitConfig(String location) throws ConfigException, LocationException {
        return parseRaitConfig(Location.of(location).read(), location);
    }

    public static PeerList readPeers(String location) throws ConfigException, LocationException {
        return parsePeers(Location.of(location).read(), location);
    }

    /**
     * Binds another program's config file (the registry's) the way rait.conf is bound: either syntax, every
     * problem with file:line:column and key. {@code binder} returns null when it recorded a problem.
     */
    public static <T> T bind(String text, String source, Function<TableBinding, T> binder) throws ConfigException {
        Problems problems = new Problems(source);
        T bound = binder.apply(new TableBinding(tree(text, source), "", problems));
        problems.throwIfAny();
        return bound;
    }

    public static <T> T bind(byte[] bytes, String source, Function<TableBinding, T> binder) throws ConfigException {
        return bind(decode(bytes, source), source, binder);
    }

    public static String render(RaitConfig config, Syntax syntax) {
        return render(ConfigTree.of(config), syntax);
    }

    public static String render(PeerList peers, Syntax syntax) {
        return render(ConfigTree.of(peers), syntax);
    }

    /** The body of a remarks block: its keys as they would stand inside {@code remarks { ... }}. */
    public static String render(Remarks remarks, Syntax syntax) {
        return render(ConfigTree.remarks(remarks), syntax);
    }

    private static String render(Node.Table tree, Syntax syntax) {
        return syntax == Syntax.BLOCK ? BlockRenderer.render(tree) : TomlRenderer.render(tree);
    }

    static Node.Table tree(String text, String source) throws ConfigException {
        // A byte order mark is invisible to the operator; it must not change the detected syntax.
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        ConfigProblem tooLarge = ParseBudget.tooLarge(text, source);
        if (tooLarge != null) throw new ConfigException(List.of(tooLarge));
        return Syntax.detect(text) == Syntax.BLOCK ? BlockParser.parse(text, source) : TomlReader.parse(text, source);
    }

    /** Config files are UTF-8; anything else is reported instead of turning into replacement characters. */
    static String decode(byte[] bytes, String source) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(source, 1, 1, "", "not UTF-8 text")));
        }
    }
}
