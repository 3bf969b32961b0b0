package dev.portico.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/README.md documents every environment variable a service reads, and no variable that none reads. */
class OperatorGuideTest {

    @Test
    void everyVariableTheServicesReadIsInTheOperatorGuide() {
        String guide = Repo.read(Repo.path("deploy/README.md"));
        Set<String> read = Repo.variablesReadByAnyService();
        assertThat(read).as("the services read PORTICO_* variables").contains("PORTICO_DB_URL", "PORTICO_KAFKA");
        Set<String> missing = new TreeSet<>();
        for (String variable : read) {
            if (!guide.contains("`" + variable + "`")) {
                missing.add(variable);
            }
        }
        assertThat(missing).as("variables deploy/README.md does not document (as `NAME`)").isEmpty();
    }

    @Test
    void theGuidesVariableTableNamesNothingTheServicesDoNotRead() {
        String guide = Repo.read(Repo.path("deploy/README.md"));
        int start = guide.indexOf("<!-- variables -->");
        int end = guide.indexOf("<!-- /variables -->");
        assertThat(start).as("the variable table is marked <!-- variables --> … <!-- /variables -->").isNotNegative();
        assertThat(end).isGreaterThan(start);
        Set<String> documented = new TreeSet<>();
        var matcher = java.util.regex.Pattern.compile("`(PORTICO_[A-Z0-9_]+)`").matcher(guide.substring(start, end));
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        assertThat(Repo.variablesReadByAnyService()).containsAll(documented);
    }
}
