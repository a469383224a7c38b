namespace Catalyst.Simulation.Market;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own generator because System.Random's algorithm is unspecified and may
/// change between runtimes; normals use the Irwin–Hall sum so no transcendental function can differ across platforms.
/// </summary>
internal sealed class SimRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SimRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for a (seed, date, symbol, purpose) tuple.</summary>
    public static SimRandom For(int seed, int day, int index, int purpose)
    {
        var x = (ulong)(uint)seed;
        var h = SplitMix(ref x);
        h ^= (ulong)(uint)day * 0x9E3779B97F4A7C15UL;
        h = Mix(h) ^ ((ulong)(uint)index << 20) ^ (ulong)(uint)purpose;
        return new SimRandom(Mix(h));
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [low, high).</summary>
    public int Next(int low, int high) => low + (int)((NextULong() >> 33) % (ulong)(high - low));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Approximately standard normal (sum of 12 uniforms minus 6), bounded to ±6.</summary>
    public double Normal()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++) sum += NextDouble();
        return sum - 6.0;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
