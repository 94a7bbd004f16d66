import { describe, expect, it } from 'vitest'
import { LruCache } from '../../src/verifier/lru-cache.ts'

const keys = <K, V>(cache: LruCache<K, V>, candidates: readonly K[]) => candidates.filter((key) => cache.get(key) !== undefined)

describe('LruCache', () => {
  it('stores and returns values, and counts them', () => {
    const cache = new LruCache<string, number>(3)
    expect(cache.size).toBe(0)
    expect(cache.get('a')).toBeUndefined()
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    expect(cache.get('b')).toBe(2)
    expect(cache.size).toBe(2)
  })

  it('set over capacity evicts the least recently set entry', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect(cache.size).toBe(2)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('b')).toBe(2)
    expect(cache.get('c')).toBe(3)
  })

  it('get refreshes recency, so the entry read last survives the next eviction', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
  })

  it('a miss does not change the order', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('zzz')).toBeUndefined()
    cache.set('c', 3)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.size).toBe(2)
  })

  it('setting an existing key replaces its value, refreshes it, and does not grow the cache', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('a', 10)
    expect(cache.size).toBe(2)
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(10)
  })

  it('delete removes an entry and frees its slot; deleting a missing key is a no-op', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.delete('a')
    expect(cache.size).toBe(1)
    expect(cache.get('a')).toBeUndefined()
    cache.delete('missing')
    expect(cache.size).toBe(1)
    cache.set('c', 3)
    expect(cache.size).toBe(2)
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c'])
  })

  it('capacity 1 keeps only the latest entry', () => {
    const cache = new LruCache<number, string>(1)
    cache.set(1, 'one')
    cache.set(2, 'two')
    expect(cache.size).toBe(1)
    expect(cache.get(1)).toBeUndefined()
    expect(cache.get(2)).toBe('two')
  })

  it('never exceeds its capacity, evicting in least-recently-used order', () => {
    const cache = new LruCache<number, number>(3)
    for (let i = 0; i < 10; i++) {
      cache.set(i, i * i)
      expect(cache.size).toBe(Math.min(i + 1, 3))
    }
    expect(keys(cache, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([7, 8, 9])
  })
})
