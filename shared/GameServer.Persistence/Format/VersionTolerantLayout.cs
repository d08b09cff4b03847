using System.Reflection;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>
/// How MemoryPack reads each member of a version-tolerant type, by member index (its <see cref="MemoryPackOrderAttribute"/>
/// number): derived from the type itself, so a member added to the header is checked without touching
/// <see cref="HeaderStructureCheck"/>. A member of a kind the check cannot follow fails here, at the first header read.
/// </summary>
internal sealed class VersionTolerantLayout
{
    private static readonly Dictionary<Type, VersionTolerantLayout> Layouts = [];
    private static readonly Lock Gate = new();

    private VersionTolerantLayout(Type type, MemberShape[] members)
    {
        Type = type;
        Members = members;
    }

    /// <summary>The type described.</summary>
    public Type Type { get; }

    /// <summary>Shape of each member index; indices without a member (gaps in the order numbers) are <see cref="MemberKind.Skipped"/>.</summary>
    public MemberShape[] Members { get; }

    /// <summary>The layout of <paramref name="type"/>, built once.</summary>
    /// <exception cref="NotSupportedException">The type is not version-tolerant, or has a member kind the check cannot follow.</exception>
    public static VersionTolerantLayout Of(Type type)
    {
        lock (Gate)
        {
            return Build(type, []);
        }
    }

    private static VersionTolerantLayout Build(Type type, HashSet<Type> building)
    {
        if (Layouts.TryGetValue(type, out var known)) return known;
        if (type.GetCustomAttribute<MemoryPackableAttribute>() is not { GenerateType: GenerateType.VersionTolerant })
            throw new NotSupportedException($"{type.Name} is not [MemoryPackable(GenerateType.VersionTolerant)]");

        // The header's types do not nest themselves; a type that did would need a depth limit here.
        if (!building.Add(type)) throw new NotSupportedException($"{type.Name} contains itself");
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var members = type.GetProperties(Instance).Cast<MemberInfo>().Concat(type.GetFields(Instance))
            .Select(m => (Member: m, Order: m.GetCustomAttribute<MemoryPackOrderAttribute>()?.Order))
            .Where(m => m.Order is not null && m.Member.GetCustomAttribute<MemoryPackIgnoreAttribute>() is null)
            .ToList();
        var shapes = new MemberShape[members.Count == 0 ? 0 : members.Max(m => m.Order!.Value) + 1];
        foreach (var (member, order) in members)
            shapes[order!.Value] = ShapeOf(type, member, building);
        building.Remove(type);

        var layout = new VersionTolerantLayout(type, shapes);
        Layouts[type] = layout;
        return layout;
    }

    private static MemberShape ShapeOf(Type owner, MemberInfo member, HashSet<Type> building)
    {
        var type = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
        var formatter = CustomFormatterOf(member);
        if (formatter is not null && formatter != typeof(BoundedStringFormatter))
            throw new NotSupportedException($"{owner.Name}.{member.Name} is read by {formatter.Name}, a formatter the header check does not know");
        if (type == typeof(string)) return new MemberShape(member.Name, MemberKind.String);
        if (type.IsArray && type.GetElementType() is { } element && UnmanagedSize(element) is { } elementSize)
            return new MemberShape(member.Name, MemberKind.UnmanagedArray, elementSize);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return new MemberShape(member.Name, MemberKind.List, Nested: Build(type.GetGenericArguments()[0], building));
        if (UnmanagedSize(type) is { } size) return new MemberShape(member.Name, MemberKind.Unmanaged, size);
        if (type.IsClass) return new MemberShape(member.Name, MemberKind.Object, Nested: Build(type, building));
        throw new NotSupportedException($"{owner.Name}.{member.Name} is a {type.Name}, a kind the header check does not know");
    }

    // [BoundedString] and the like: attributes deriving from MemoryPackCustomFormatterAttribute<TFormatter, T>.
    private static Type? CustomFormatterOf(MemberInfo member)
    {
        foreach (var attribute in member.GetCustomAttributes())
        {
            for (var t = attribute.GetType(); t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericTypeDefinition().Name.StartsWith("MemoryPackCustomFormatterAttribute", StringComparison.Ordinal))
                    return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    // MemoryPack reads an unmanaged value (no references inside) as its raw bytes: Unsafe.SizeOf of them.
    private static int? UnmanagedSize(Type type)
    {
        if (!type.IsValueType || type.IsGenericType) return null;
        var containsReferences = (bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(type).Invoke(null, null)!;
        if (containsReferences) return null;
        return (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
    }
}

/// <summary>What MemoryPack reads for one member of a version-tolerant object.</summary>
internal enum MemberKind
{
    /// <summary>No member has this index: MemoryPack skips its bytes by the member length.</summary>
    Skipped = 0,

    /// <summary>A string (length-prefixed UTF-16 or UTF-8).</summary>
    String,

    /// <summary>An unmanaged value of <see cref="MemberShape.Size"/> bytes.</summary>
    Unmanaged,

    /// <summary>A length-prefixed array of unmanaged elements of <see cref="MemberShape.Size"/> bytes.</summary>
    UnmanagedArray,

    /// <summary>A length-prefixed list of <see cref="MemberShape.Nested"/> objects.</summary>
    List,

    /// <summary>A nested <see cref="MemberShape.Nested"/> object.</summary>
    Object,
}

/// <summary>One member of a <see cref="VersionTolerantLayout"/>.</summary>
internal readonly record struct MemberShape(string Name, MemberKind Kind, int Size = 0, VersionTolerantLayout? Nested = null);
