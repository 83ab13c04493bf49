namespace GuidanceFlow.Domain;

/// <summary>Which way a measure improves: benchmarking's measures and an improvement project's measures alike.</summary>
public enum Direction { HigherIsBetter, LowerIsBetter, Neither }
