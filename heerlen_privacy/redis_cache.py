"""Django's Redis cache backend, with one Redis client per connection pool instead of one
per cache call. redis-py builds a table of ~170 response callbacks in every client it makes,
which cost more than the network round trip on a cached page (bench/statements_bench.py).
Clients are thread-safe over their pool, so sharing one is what redis-py intends."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_shared_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClientRedisCacheClient
