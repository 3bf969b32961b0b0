package dev.portico.users.service;

import dev.portico.kit.problem.ProblemException;
import dev.portico.users.domain.CrmRecord;
import dev.portico.users.domain.RecordDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** One org's CRM records, as the directory knows them. */
@ApplicationScoped
public class RecordLookup {

    @Inject
    RecordDirectory directory;

    @Transactional
    public CrmRecord get(String orgId, String module, String recordId) {
        CrmRecord record = directory.find(orgId, module, List.of(recordId)).get(recordId);
        if (record == null) {
            throw ProblemException.notFound(UserProblems.RECORD_NOT_FOUND,
                    "Portico has no record " + recordId + " in " + module + ": the CRM has not sent it (yet), "
                            + "or deleted it.");
        }
        return record;
    }
}
