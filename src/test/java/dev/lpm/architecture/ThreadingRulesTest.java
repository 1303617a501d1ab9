package dev.lpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads only where a class has been checked to wait on sockets or queues alone: a virtual
 * thread that blocks in a pipe or file read pins its carrier, and once every carrier is pinned nothing
 * else on virtual threads runs again (that froze the daemon with a few services' output pumps).
 */
class ThreadingRulesTest {

    /** Classes allowed to start virtual threads, each checked by hand: socket and queue waits only. */
    static final String[] VIRTUAL_THREAD_USERS = {
            "dev.lpm.control.LogFollower", // waits on its queue, writes to the client's socket
    };

    static ArchRule virtualThreadsOnlyWhereChecked(String root, String... allowed) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().doNotHaveFullyQualifiedName(allowed.length > 0 ? allowed[0] : "-")
                .should().callMethod(Thread.class, "ofVirtual")
                .orShould().callMethod(Thread.class, "startVirtualThread", Runnable.class)
                .orShould().callMethod(Executors.class, "newVirtualThreadPerTaskExecutor")
                .orShould().callMethod(Executors.class, "newThreadPerTaskExecutor", ThreadFactory.class)
                .because("a virtual thread blocked in a pipe or file read pins its carrier (see ThreadingRulesTest)");
    }

    @Test
    void onlyCheckedClassesStartVirtualThreads() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lpm");
        assertThat(VIRTUAL_THREAD_USERS).hasSize(1); // the rule below allows one name; extend it when this grows
        virtualThreadsOnlyWhereChecked("dev.lpm", VIRTUAL_THREAD_USERS).check(main);
    }

    @Test
    void ruleCatchesPlantedViolations() {
        String root = "dev.lpm.architecture.fixture.threads";
        EvaluationResult result = virtualThreadsOnlyWhereChecked(root)
                .evaluate(new ClassFileImporter().importPackages(root));
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("VirtualPump"))
                .anyMatch(d -> d.contains("VirtualExecutor"))
                .noneMatch(d -> d.contains("PlatformPump"));
    }
}
