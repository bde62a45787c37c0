package io.qiyue.search;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

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

    /**
     * Adds or replaces {@code upserts}, removes {@code removals} (by {@link SearchDocument#key()}), and records
     * {@code throughSequence}, atomically, for searches at once. An engine may keep the last few seconds of changes
     * from its storage until {@link #persist}: after a crash it resumes from an earlier position, and the log gives
     * those changes again.
     */
    void apply(List<SearchDocument> upserts, Collection<String> removals, long throughSequence);

    /** Stores what was applied, with its position, if it is not stored yet (the feeder found nothing new to apply). */
    void persist();

    /** The page of hits of validated criteria; never throws on what a user typed. */
    SearchResult search(SearchCriteria criteria);

    /**
     * The contracts the index holds in {@code scope} that match {@code filter}: how many, and their ids when there
     * are at most {@code idLimit} (none when more), found without reading them one by one. Empty when there is no
     * usable index (see {@link #appliedSequence}) or the filter's text cannot be looked up here.
     */
    Optional<io.qiyue.shared.IndexMatches> matchContracts(io.qiyue.security.OwnerScope scope,
                                                          ContractFilter filter, int idLimit);

    /**
     * The ids of the page ({@code offset}, {@code size}) of the contracts {@link #matchContracts} finds, ordered by
     * {@code order} then id as the database orders them; empty when some match has no value to order by, the page
     * lies too deep, or there is no usable index.
     */
    Optional<List<String>> pageContracts(io.qiyue.security.OwnerScope scope, ContractFilter filter,
                                         io.qiyue.contract.ContractListIndex.Order order, boolean ascending,
                                         long offset, int size);

    /**
     * The customers the index holds in {@code scope} whose name (case ignored), or also credit code, holds
     * {@code text}: how many, and their ids when at most {@code idLimit}. Empty as {@link #matchContracts}.
     */
    Optional<io.qiyue.shared.IndexMatches> matchCustomers(io.qiyue.security.OwnerScope scope, String text,
                                                          boolean creditCodeToo, int idLimit);

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
