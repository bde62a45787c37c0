package io.qiyue.shared;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** JSON Merge Patch (RFC 7396) and a field-level diff of two JSON trees, for updates and the audit trail. */
public final class JsonTrees {
    private JsonTrees() {
    }

    /** Applies {@code patch} to {@code target} as RFC 7396 describes; the target is not modified. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? (ObjectNode) target.deepCopy()
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String name : patch.propertyNames()) {
            JsonNode value = patch.get(name);
            if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, mergePatch(result.get(name), value));
            }
        }
        return result;
    }

    /** The leaves that differ between two trees, as JSON pointers with before and after values. */
    public static List<EntityChanged.Change> diff(JsonNode before, JsonNode after) {
        var changes = new ArrayList<EntityChanged.Change>();
        diff("", before, after, changes);
        return changes;
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<EntityChanged.Change> out) {
        boolean beforeMissing = before == null || before.isNull() || before.isMissingNode();
        boolean afterMissing = after == null || after.isNull() || after.isMissingNode();
        if (beforeMissing && afterMissing) {
            return;
        }
        boolean beforeObject = !beforeMissing && before.isObject();
        boolean afterObject = !afterMissing && after.isObject();
        // a created or deleted object is listed field by field, like an updated one
        if ((beforeObject || beforeMissing) && (afterObject || afterMissing)) {
            var names = new TreeSet<String>();
            if (beforeObject) {
                names.addAll(before.propertyNames());
            }
            if (afterObject) {
                names.addAll(after.propertyNames());
            }
            for (String name : names) {
                diff(path + "/" + name.replace("~", "~0").replace("/", "~1"), beforeObject ? before.get(name) : null,
                        afterObject ? after.get(name) : null, out);
            }
            return;
        }
        if (beforeMissing || afterMissing || !before.equals(after)) {
            out.add(new EntityChanged.Change(path.isEmpty() ? "/" : path, text(before), text(after)));
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
