package io.qiyue.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTreesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode tree(String json) {
        return JSON.readTree(json.replace('\'', '"'));
    }

    /** The test cases of RFC 7396, appendix A. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'a':'b'}                 | {'a':'c'}            | {'a':'c'}",
            "{'a':'b'}                 | {'b':'c'}            | {'a':'b','b':'c'}",
            "{'a':'b'}                 | {'a':null}           | {}",
            "{'a':'b','b':'c'}         | {'a':null}           | {'b':'c'}",
            "{'a':['b']}               | {'a':'c'}            | {'a':'c'}",
            "{'a':'c'}                 | {'a':['b']}          | {'a':['b']}",
            "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}         | {'a':[1]}            | {'a':[1]}",
            "['a','b']                 | ['c','d']            | ['c','d']",
            "{'a':'b'}                 | ['c']                | ['c']",
            "{'a':'foo'}               | null                 | null",
            "{'a':'foo'}               | 'bar'                | 'bar'",
            "{'e':null}                | {'a':1}              | {'e':null,'a':1}",
            "[1,2]                     | {'a':'b','c':null}   | {'a':'b'}",
            "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"
    })
    void appliesMergePatchAsRfc7396Describes(String target, String patch, String expected) {
        assertThat(JsonTrees.mergePatch(tree(target), tree(patch))).isEqualTo(tree(expected));
    }

    @Test
    void leavesTheTargetUnchanged() {
        var target = tree("{'a':{'b':1}}");

        JsonTrees.mergePatch(target, tree("{'a':{'b':2}}"));

        assertThat(target).isEqualTo(tree("{'a':{'b':1}}"));
    }

    @Test
    void diffListsChangedLeavesAsJsonPointers() {
        var before = tree("{'title':'旧','terms':{'service':{'scope':'A','items':[1]}},'same':1,'gone':'x'}");
        var after = tree("{'title':'新','terms':{'service':{'scope':'B','items':[1,2]}},'same':1,'added':true}");

        var changes = JsonTrees.diff(before, after);

        assertThat(changes).containsExactlyInAnyOrder(
                new EntityChanged.Change("/title", "旧", "新"),
                new EntityChanged.Change("/terms/service/scope", "A", "B"),
                new EntityChanged.Change("/terms/service/items", "[1]", "[1,2]"),
                new EntityChanged.Change("/gone", "x", null),
                new EntityChanged.Change("/added", null, "true"));
    }

    @Test
    void diffOfACreationOrDeletionListsEveryFieldAndOfEqualTreesNothing() {
        assertThat(JsonTrees.diff(null, tree("{'a':{'b':1},'c':'d'}")))
                .containsExactly(new EntityChanged.Change("/a/b", null, "1"), new EntityChanged.Change("/c", null, "d"));
        assertThat(JsonTrees.diff(tree("{'a':1}"), null))
                .containsExactly(new EntityChanged.Change("/a", "1", null));
        assertThat(JsonTrees.diff(tree("{'a':[1,{'b':2}]}"), tree("{'a':[1,{'b':2}]}"))).isEmpty();
        assertThat(JsonTrees.diff(tree("{'a':null}"), tree("{}"))).isEmpty();
    }

    @Test
    void diffEscapesPointerCharacters() {
        assertThat(JsonTrees.diff(tree("{'a/b':1,'c~d':1}"), tree("{'a/b':2,'c~d':2}")))
                .extracting(EntityChanged.Change::field).containsExactlyInAnyOrder("/a~1b", "/c~0d");
    }
}
