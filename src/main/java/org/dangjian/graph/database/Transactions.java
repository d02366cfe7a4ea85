package org.dangjian.graph.database;

import java.util.HashSet;
import java.util.Set;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jBookmarkManager;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;

/**
 * Transactions that a Neo4j cluster can route, and one chain of bookmarks for the whole service.
 *
 * <ul>
 *   <li><b>Reads are read transactions</b>: the services' {@code @Transactional(readOnly = true)} open
 *       their session in read mode, and every statement {@link Graph} runs outside a transaction
 *       (the GraphQL fields resolved after a service returned, the lists, the exports) runs in a
 *       managed read transaction of its own. A routing driver ({@code neo4j://}) sends them to a
 *       secondary; writes go to the leader.
 *   <li><b>One bookmark manager</b> behind Spring's transaction manager, the {@link Neo4jClient},
 *       {@link Graph}'s own sessions and the console's: each transaction starts after the last
 *       one this service committed, so a user reads their own writes (and everybody else's made
 *       through this service) wherever the read is routed. Spring Boot gives the client and the
 *       transaction manager a manager each, which would let a read routed to a lagging secondary
 *       miss a write just committed through the other.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class Transactions {

    /** The one chain: Spring Data's manager, which its transaction manager and client update. */
    @Bean
    Neo4jBookmarkManager neo4jBookmarkManager() {
        return Neo4jBookmarkManager.create();
    }

    /** The same chain for the sessions the service opens on the driver itself. */
    @Bean
    BookmarkManager serviceBookmarks(Neo4jBookmarkManager bookmarks) {
        return new Shared(bookmarks);
    }

    @Bean
    Neo4jClient neo4jClient(Driver driver, DatabaseSelectionProvider databases, Neo4jBookmarkManager bookmarks) {
        return Neo4jClient.with(driver)
                .withDatabaseSelectionProvider(databases)
                .withNeo4jBookmarkManager(bookmarks)
                .build();
    }

    @Bean
    Neo4jTransactionManager transactionManager(
            Driver driver,
            DatabaseSelectionProvider databases,
            Neo4jBookmarkManager bookmarks,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        var manager = Neo4jTransactionManager.with(driver)
                .withDatabaseSelectionProvider(databases)
                .withBookmarkManager(bookmarks)
                .build();
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /** Spring Data's manager seen as the driver's (Spring Data's interface is sealed; the driver's is not). */
    record Shared(Neo4jBookmarkManager delegate) implements BookmarkManager {

        @Override
        public Set<Bookmark> getBookmarks() {
            return new HashSet<>(delegate.getBookmarks());
        }

        @Override
        public void updateBookmarks(Set<Bookmark> previousBookmarks, Set<Bookmark> newBookmarks) {
            delegate.updateBookmarks(previousBookmarks, newBookmarks);
        }
    }
}
