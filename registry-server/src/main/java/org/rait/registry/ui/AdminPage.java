package org.rait.registry.ui;

import org.rait.registry.health.HealthBodies;
import org.rait.registry.health.MatrixText;
import org.rait.registry.health.NodeStatus;
import org.rait.registry.http.EndpointSpelling;
import org.rait.registry.store.AuditEntry;
import org.rait.registry.store.EnrollmentToken;
import org.rait.registry.store.NodeState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The admin page, rendered on the server; every form carries the session's CSRF token. Pure. */
final class AdminPage {
    /** What the page shows. */
    record View(List<NodeStatus> nodes, HealthBodies.MatrixBody matrix, List<EnrollmentToken> tokens, List<AuditEntry> audit,
                Instant now) {
    }

    private AdminPage() {
    }

    static String signIn(Sessions.SignInForm form, Optional<String> problem) {
        return Html.page("rait registry: sign in", "<main class=\"narrow\"><h1>rait registry</h1>"
                + problem.map(p -> "<p class=\"error\" id=\"problem\">" + Html.escape(p) + "</p>").orElse("")
                + "<form method=\"post\" action=\"/ui/login\" id=\"sign-in\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(form.csrf()) + "\"><label>Admin token "
                + "<input type=\"password\" name=\"token\" autocomplete=\"off\" required autofocus></label>"
                + "<button type=\"submit\">Sign in</button></form>"
                + "<p class=\"muted\">An admin token comes from <code>rait-registry admin token create</code>.</p></main>");
    }

    /**
     * @param notice   a one-off message (the text of a new enrollment token, shown once)
     * @param problem  why the last change was refused
     */
    static String dashboard(Sessions.Session session, View view, Optional<String> notice, Optional<String> problem) {
        String csrf = csrfField(session);
        StringBuilder body = new StringBuilder();
        body.append("<header><h1>rait registry</h1><span>signed in as <b>").append(Html.escape(session.admin())).append("</b></span>")
                .append("<form method=\"post\" action=\"/ui/logout\">").append(csrf).append("<button type=\"submit\">Sign out</button></form></header><main>");
        problem.ifPresent(p -> body.append("<p class=\"error\" id=\"problem\">").append(Html.escape(p)).append("</p>"));
        notice.ifPresent(n -> body.append("<p class=\"notice\" id=\"notice\">").append(Html.escape(n)).append("</p>"));
        body.append("<section><h2>Mesh</h2><div id=\"matrix\" data-refresh=\"/ui/matrix\">").append(MatrixGrid.html(view.matrix()))
                .append("</div></section>");
        body.append(pending(view, csrf)).append(approved(view, csrf)).append(others(view, csrf)).append(tokens(view, csrf)).append(audit(view));
        return Html.page("rait registry", body.append("</main>").toString());
    }

    private static String pending(View view, String csrf) {
        List<NodeStatus> pending = of(view, NodeState.PENDING);
        StringBuilder out = new StringBuilder("<section><h2>Pending nodes</h2>");
        if (pending.isEmpty()) return out.append("<p class=\"muted\">None.</p></section>").toString();
        out.append("<table id=\"pending\"><tr><th>name</th><th>key</th><th>endpoints</th><th>seen</th><th></th></tr>");
        for (NodeStatus s : pending) {
            out.append("<tr data-node=\"").append(Html.escape(s.node().name())).append("\">").append(identity(s)).append("<td>")
                    .append(seen(s, view.now())).append("</td><td class=\"actions\">")
                    .append(button("/ui/nodes/approve", "approve", s, csrf, "Approve"))
                    .append(button("/ui/nodes/reject", "reject", s, csrf, "Reject")).append("</td></tr>");
        }
        return out.append("</table></section>").toString();
    }

    private static String approved(View view, String csrf) {
        List<NodeStatus> approved = of(view, NodeState.APPROVED);
        StringBuilder out = new StringBuilder("<section><h2>Approved nodes</h2>");
        if (approved.isEmpty()) return out.append("<p class=\"muted\">None.</p></section>").toString();
        out.append("<table id=\"approved\"><tr><th>name</th><th>key</th><th>endpoints</th><th>seen</th><th>serial</th><th>version</th>"
                + "<th>edit name and endpoints (FAMILY:PORT[:ADDRESS], ...)</th><th></th></tr>");
        for (NodeStatus s : approved) {
            String key = Html.escape(s.node().publicKey().base64());
            out.append("<tr data-node=\"").append(Html.escape(s.node().name())).append("\">").append(identity(s))
                    .append("<td>").append(seen(s, view.now())).append("</td><td>")
                    .append(s.report().filter(r -> r.appliedSerial().isPresent()).map(r -> Long.toString(r.appliedSerial().getAsLong())).orElse("-"))
                    .append("</td><td>").append(Html.escape(s.report().map(r -> r.version()).orElse("-"))).append("</td><td>")
                    .append("<form method=\"post\" action=\"/ui/nodes/edit\" class=\"inline edit\">").append(csrf)
                    .append("<input type=\"hidden\" name=\"key\" value=\"").append(key).append("\">")
                    .append("<input name=\"name\" value=\"").append(Html.escape(s.node().name())).append("\" size=\"12\" required"
                            + " aria-label=\"name\">")
                    .append("<input name=\"endpoints\" value=\"").append(Html.escape(endpoints(s))).append("\" size=\"34\""
                            + " aria-label=\"endpoints\" title=\"FAMILY:PORT[:ADDRESS], comma-separated, e.g. ip4:53001:192.0.2.1\">")
                    .append("<button type=\"submit\" name=\"do\" value=\"edit\">Save</button></form></td><td class=\"actions\">")
                    .append(button("/ui/nodes/revoke", "revoke", s, csrf, "Revoke")).append("</td></tr>");
        }
        return out.append("</table></section>").toString();
    }

    private static String others(View view, String csrf) {
        List<NodeStatus> others = view.nodes().stream()
                .filter(s -> s.node().state() == NodeState.REJECTED || s.node().state() == NodeState.REVOKED).toList();
        if (others.isEmpty()) return "";
        StringBuilder out = new StringBuilder("<section><h2>Rejected and revoked nodes</h2><table id=\"others\"><tr><th>name</th><th>key</th>"
                + "<th>endpoints</th><th>state</th><th></th></tr>");
        for (NodeStatus s : others) {
            out.append("<tr data-node=\"").append(Html.escape(s.node().name())).append("\">").append(identity(s)).append("<td>")
                    .append(s.node().state().word()).append("</td><td class=\"actions\">")
                    .append(button("/ui/nodes/approve", "approve", s, csrf, "Approve")).append("</td></tr>");
        }
        return out.append("</table></section>").toString();
    }

    private static String tokens(View view, String csrf) {
        StringBuilder out = new StringBuilder("<section><h2>Enrollment tokens</h2>"
                + "<form method=\"post\" action=\"/ui/enrollment-tokens\" id=\"create-token\" class=\"inline\">").append(csrf)
                .append("<label>uses <input name=\"uses\" value=\"1\" size=\"4\"></label>")
                .append("<label>valid for (hours) <input name=\"hours\" value=\"24\" size=\"4\"></label>")
                .append("<label>note <input name=\"note\" size=\"20\"></label><button type=\"submit\">Create</button></form>");
        if (view.tokens().isEmpty()) return out.append("<p class=\"muted\">None.</p></section>").toString();
        out.append("<table id=\"tokens\"><tr><th>id</th><th>uses left</th><th>expires</th><th>created by</th><th>note</th><th></th></tr>");
        for (EnrollmentToken t : view.tokens()) {
            out.append("<tr><td>").append(t.id()).append("</td><td>").append(t.usesLeft()).append("</td><td>")
                    .append(Html.escape(t.expiresAt().toString())).append("</td><td>").append(Html.escape(t.createdBy())).append("</td><td>")
                    .append(Html.escape(t.note())).append("</td><td><form method=\"post\" action=\"/ui/enrollment-tokens/delete\">")
                    .append(csrf).append("<input type=\"hidden\" name=\"id\" value=\"").append(t.id())
                    .append("\"><button type=\"submit\">Delete</button></form></td></tr>");
        }
        return out.append("</table></section>").toString();
    }

    private static String audit(View view) {
        StringBuilder out = new StringBuilder("<section><h2>Audit log</h2><table id=\"audit\"><tr><th>when</th><th>who</th><th>what</th>"
                + "<th>subject</th><th>detail</th></tr>");
        for (AuditEntry e : view.audit()) {
            out.append("<tr><td>").append(Html.escape(e.at().toString())).append("</td><td>").append(Html.escape(e.actor()))
                    .append("</td><td>").append(Html.escape(e.action())).append("</td><td class=\"key\">").append(Html.escape(e.subject()))
                    .append("</td><td>").append(Html.escape(e.detail())).append("</td></tr>");
        }
        return out.append("</table></section>").toString();
    }

    private static List<NodeStatus> of(View view, NodeState state) {
        return view.nodes().stream().filter(s -> s.node().state() == state).toList();
    }

    private static String identity(NodeStatus s) {
        String endpoints = endpoints(s);
        return "<td>" + Html.escape(s.node().name()) + "</td><td class=\"key\">" + Html.escape(s.node().publicKey().base64())
                + "</td><td>" + Html.escape(endpoints.isEmpty() ? "-" : endpoints) + "</td>";
    }

    private static String endpoints(NodeStatus s) {
        return s.node().endpoints().stream().map(EndpointSpelling::of).collect(Collectors.joining(", "));
    }

    private static String seen(NodeStatus s, Instant now) {
        String when = s.lastSeenAgeSeconds(now).map(a -> MatrixText.age(a) + " ago").orElse("never");
        return "<span class=\"" + (s.online() ? "online" : "offline") + "\">" + (s.online() ? "online" : "offline") + "</span> "
                + Html.escape(when);
    }

    private static String button(String action, String name, NodeStatus s, String csrf, String label) {
        return "<form method=\"post\" action=\"" + action + "\" class=\"inline\">" + csrf + "<input type=\"hidden\" name=\"key\" value=\""
                + Html.escape(s.node().publicKey().base64()) + "\"><button type=\"submit\" name=\"do\" value=\"" + name + "\">" + label
                + "</button></form>";
    }

    private static String csrfField(Sessions.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(session.csrf()) + "\">";
    }
}
