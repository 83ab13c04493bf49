var app = WebApplication.Create(args); app.Run(); public partial class Program {}
