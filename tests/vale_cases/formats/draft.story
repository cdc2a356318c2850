# Draft

Teams utilize `utilize()` in the script.

```
utilize everything
```
