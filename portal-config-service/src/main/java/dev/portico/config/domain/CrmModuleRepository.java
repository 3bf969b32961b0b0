package dev.portico.config.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CrmModuleRepository implements PanacheRepositoryBase<CrmModule, CrmModule.Key> {

    public List<CrmModule> ofOrg(String orgId) {
        return list("orgId", orgId);
    }

    public Optional<CrmModule> find(String orgId, String name) {
        return findByIdOptional(new CrmModule.Key(orgId, name));
    }
}
