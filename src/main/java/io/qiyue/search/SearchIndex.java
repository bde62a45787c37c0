package io.qiyue.search;

import java.util.Collection;
import java.util.List;

/**
 * The port to a search engine: this instance's Lucene index ({@link LuceneSearchIndex}), or an OpenSearch cluster
 * shared by every instance. The change log feeds it ({@link #apply}) and rebuilds it ({@link #startRebuild}); the
 * engine keeps the change-log position it has applied, so that a restart resumes from there.
 */
public interface SearchIndex {

    /**
     * The last change-log sequence number whose changes the index holds, or {@code -1} when there is no usable index
     * (missing or corrupt): then it needs a rebuild, and searches find nothing until one completes.
     */
    long appliedSequence();

    /** Adds or replaces {@code upserts}, removes {@code removals} (by {@link SearchDocument#key()}), and records {@code throughSequence}, atomically. */
    void apply(List<SearchDocument> upserts, Collection<String> removals, long throughSequence);

    /** The page of hits of validated criteria; never throws on what a user typed. */
    SearchResult search(SearchCriteria criteria);

    /**
     * How many contracts the index holds in {@code scope} with the given type, status, customer id and owner (each
     * null: any), counted without reading them; 0 when there is no usable index (see {@link #appliedSequence}).
     */
    long countContracts(io.qiyue.security.OwnerScope scope, String type, String status, String customerId,
                        String owner);

    /** Ids of the contracts indexed for {@code customerId} under a customer name other than {@code name}. */
    List<String> contractsOfCustomerNamedOtherwise(String customerId, String name);

    /**
     * A fresh index filled beside the one in use, which keeps answering searches (and taking changes) until
     * {@link Rebuild#complete} puts the new one in its place.
     */
    Rebuild startRebuild();

    interface Rebuild {
        void add(List<SearchDocument> documents);

        /** Makes the new index the one in use, as of change-log position {@code throughSequence}. */
        void complete(long throughSequence);

        /** Throws the new index away; the one in use stays. */
        void abandon();
    }
}
