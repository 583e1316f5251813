package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import wabot.store.Database;
import wabot.store.Schema;

/**
 * What an orchestrator probes. {@code /health/live}: the process answers, nothing else, so a database outage never
 * gets healthy instances killed. {@code /health/ready}: the database answers and has every migration this build
 * ships, so traffic may come. {@code /health} keeps its old meaning: the database answers.
 */
public final class HealthRoutes {
    private final Database db;

    public HealthRoutes(Database db) {
        this.db = db;
    }

    /** {@code GET /health/live}. */
    public void live(Context ctx) {
        ctx.json(java.util.Map.of("status", "up"));
    }

    /** {@code GET /health/ready}: 200 when ready, else 503 with the reason. */
    public void ready(Context ctx) {
        var body = new LinkedHashMap<String, Object>();
        body.put("schema_shipped", db.shippedSchema());
        int applied;
        try {
            applied = db.read(Schema::applied);
        } catch (RuntimeException e) {
            body.put("status", "unavailable");
            body.put("reason", "the database does not answer: " + e.getClass().getSimpleName());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(body);
            return;
        }
        body.put("schema_applied", applied);
        if (applied < db.shippedSchema()) {
            body.put("status", "unavailable");
            body.put("reason", "the database lacks migrations this build needs");
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(body);
            return;
        }
        body.put("status", "ready");
        ctx.json(body);
    }
}
