public enum PostSearchServerPlaceholder {}
