namespace GuidanceFlow.Workflows; public static class Placeholder {}
