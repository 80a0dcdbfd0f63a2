package org.rait.babeld;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** babeld's state as its {@code dump} command reports it. */
public record Dump(List<BabeldInterface> interfaces, List<Neighbour> neighbours, List<Route> routes,
                   List<ExportedRoute> exported) {
    public Dump {
        interfaces = List.copyOf(interfaces);
        neighbours = List.copyOf(neighbours);
        routes = List.copyOf(routes);
        exported = List.copyOf(exported);
    }

    /** The names of the interfaces babeld runs on, in babeld's order. */
    public List<String> interfaceNames() {
        return interfaces.stream().map(BabeldInterface::name).toList();
    }

    /** The route babeld installed for the prefix, if any. */
    public Optional<Route> installedRoute(String prefix) {
        return routes.stream().filter(r -> r.installed() && r.prefix().equals(prefix)).findFirst();
    }

    /**
     * Reads the body of a {@code dump} reply. Every line is {@code add KIND SUBJECT key value...};
     * kinds this version does not know are skipped so that a newer babeld still parses.
     *
     * @throws MalformedReply naming the line when a known kind lacks a field or a number is not one
     */
    static Dump parse(List<String> body) {
        List<BabeldInterface> interfaces = new ArrayList<>();
        List<Neighbour> neighbours = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<ExportedRoute> exported = new ArrayList<>();
        for (String text : body) {
            DumpLine line = DumpLine.parse(text);
            switch (line.kind()) {
                case "interface" -> interfaces.add(new BabeldInterface(line.subject(),
                        line.flag("up"), line.optional("ipv6"), line.optional("ipv4")));
                case "neighbour" -> neighbours.add(new Neighbour(line.required("address"), line.required("if"),
                        line.required("reach"), line.number("rxcost"), line.number("txcost"), line.number("cost")));
                case "route" -> routes.add(new Route(line.required("prefix"), line.required("from"),
                        line.flag("installed"), line.required("id"), line.number("metric"),
                        line.number("refmetric"), line.required("via"), line.required("if")));
                case "xroute" -> exported.add(new ExportedRoute(line.required("prefix"), line.required("from"),
                        line.number("metric")));
                default -> { }
            }
        }
        return new Dump(interfaces, neighbours, routes, exported);
    }
}
