/**
 * The runtime plumbing every other module stands on, in one place so that the feature modules hold features and
 * {@code edge} holds only the HTTP edge: the one Redis entry point ({@link io.boxoffice.platform.EventLoopRedis}
 * for commands, {@link io.boxoffice.platform.RedisScripts} for Lua scripts, {@link io.boxoffice.platform.KeyspaceEvents}
 * for keyspace notifications), which speaks to a standalone Redis, a Sentinel set-up or a Redis Cluster from
 * Spring Boot's usual {@code spring.data.redis.*} settings and answers a request's command on the request's own
 * event loop ({@link io.boxoffice.platform.RequestEventLoop}); the injected clock; the one transactional operator;
 * Lettuce's metrics and timer; the Commons Logging bridge; a Reactor Netty workaround.
 * <p>
 * Why a module of its own: the thread affinity the hold path needs, the cluster-aware script runner and the
 * per-master notification subscriptions were each done (or half done) by the modules that needed them; done once
 * here, every module gets Cluster support by using it (docs/redis.md).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.platform;
