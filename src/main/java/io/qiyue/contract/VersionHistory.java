package io.qiyue.contract;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one version history of a contract: its saved versions and the extra versions of the
 * {@link ExternalVersions} beans (uploaded paper), in one numbering (see {@link ExternalVersions}), each with
 * what made it, its author's display name and its change note.
 * Reads go through {@link Contracts}, so a contract outside the caller's data scope is not found.
 */
@Service
public class VersionHistory {
    /** A note says in a line what changed; the history is not the place for the contract's reasoning. */
    public static final int NOTE_MAX = 200;

    private final Contracts contracts;
    private final ObjectProvider<ExternalVersions> extras;
    private final VersionNotes notes;
    private final UserAdministration users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VersionHistory(Contracts contracts, ObjectProvider<ExternalVersions> extras, VersionNotes notes,
                   UserAdministration users, ApplicationEventPublisher events, Clock clock) {
        this.contracts = contracts;
        this.extras = extras;
        this.notes = notes;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** Every version of the contract, by number: saved ones first (1, 2, …), then the extra ones. */
    public List<ContractVersion> list(String contractId) {
        var all = new ArrayList<>(contracts.versions(contractId));
        extras.orderedStream().forEach(e -> all.addAll(e.list(contractId)));
        all.sort(Comparator.comparingInt(ContractVersion::version));
        var noted = notes.of(contractId);
        var names = users.displayNames(all.stream().map(ContractVersion::createdBy).toList());
        return all.stream().map(v -> {
            var note = noted.get(v.version());
            return v.with(names.getOrDefault(v.createdBy(), v.createdBy()),
                    note == null || note.text().isEmpty() ? null : note.text(), note == null ? 0 : note.revision());
        }).toList();
    }

    /** One version of the history, with its note. */
    public ContractVersion get(String contractId, int version) {
        return list(contractId).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version", contractId + "/" + version));
    }

    /** Whether the caller may write the note of this version: its author, or an admin. */
    public boolean mayNote(ContractVersion version) {
        return CurrentUsers.current()
                .map(user -> user.isAdmin() || user.username().equals(version.createdBy())).orElse(false);
    }

    /**
     * Sets the change note of a version (blank clears it), if its note is still at {@code expectedRevision}
     * (412 otherwise). One line of at most {@link #NOTE_MAX} characters; audited as a change of the contract.
     */
    @Transactional
    public ContractVersion note(String contractId, int version, int expectedRevision, String text) {
        var current = get(contractId, version);
        if (!mayNote(current)) {
            throw new ForbiddenException("qiyue.version.note-forbidden");
        }
        String note = text == null ? "" : text.strip();
        var violations = new ArrayList<FieldViolation>();
        if (note.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("note", "qiyue.version.note-control"));
        }
        if (note.codePointCount(0, note.length()) > NOTE_MAX) {
            violations.add(new FieldViolation("note", "qiyue.validation.size", 0, NOTE_MAX));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (current.noteRevision() != expectedRevision) {
            throw new PreconditionFailedException("qiyue.problem.stale", current.noteRevision());
        }
        String actor = CurrentUsers.require().username();
        var now = clock.instant();
        if (!notes.write(contractId, version, expectedRevision, note, now, actor)) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedRevision);
        }
        events.publishEvent(new EntityChanged("CONTRACT", contractId, EntityChanged.Action.UPDATE, actor, now,
                List.of(new EntityChanged.Change("version", null, String.valueOf(version)),
                        new EntityChanged.Change("note", current.note(), note.isEmpty() ? null : note))));
        return get(contractId, version);
    }

    /** One version as JSON: the saved content of a saved version, or what the extra version's keeper answers. */
    public String content(String contractId, int version) {
        if (version < ExternalVersions.FIRST) {
            return contracts.versionContent(contractId, version);
        }
        contracts.get(contractId);
        return extras.orderedStream().map(e -> e.content(contractId, version)).flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version", contractId + "/" + version));
    }
}
