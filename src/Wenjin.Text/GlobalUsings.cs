global using Wenjin.Errors;
