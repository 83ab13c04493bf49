namespace GuidanceFlow.Projections; public static class Placeholder {}
